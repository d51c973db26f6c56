export * from './header';
export * from './fields';
export * from './values';
export * from './register-row';
export * from './table';
