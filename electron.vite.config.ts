import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { ensureDivisions } from './electron/services/regions/divisions-build';

// Main and preload are emitted as CommonJS (the package has no "type":"module"),
// which is what a sandboxed preload needs.
export default defineConfig({
  main: {
    // The national region list ships as a compact extract made here, not as the 180 MB package.
    plugins: [{ name: 'divisions', buildStart: () => void ensureDivisions(__dirname) }],
    build: {
      outDir: 'out/main',
      // The services worker is its own entry: the main bundle starts it with `new Worker(…/worker.js)`.
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          worker: resolve(__dirname, 'electron/worker/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require anything but `electron`: bundle it whole.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      // bench.html is the benchmark's in-memory floor grid (npm run bench); nothing links to it.
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html'), bench: resolve(__dirname, 'renderer/bench.html') },
      },
    },
  },
});
