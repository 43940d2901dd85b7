/**
 * Builds the viewer into viewer/dist as a static folder that opens from any static host (relative base) and runs
 * under `default-src 'self'`: no inline scripts or styles, no data: assets, the layout worker as its own file.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlined assets would become data: URLs, which the CSP refuses.
    assetsInlineLimit: 0,
    // The modulepreload polyfill is for browsers without native support; every browser that runs sigma has it.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
  server: { fs: { allow: ['..'] } },
});
