export * from './engine';
export * from './policy';
export * from './standards';
