// pngjs (a dependency of qrcode) ships no types; only the synchronous reader is used.
declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
