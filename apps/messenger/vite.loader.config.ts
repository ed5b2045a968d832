import { defineConfig } from 'vite';

// The loader runs on customers' pages: one small IIFE, no framework, no globals but window.Intercom.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    lib: { entry: 'src/loader/index.ts', formats: ['iife'], name: 'FrontdeskMessengerLoader', fileName: () => 'loader.js' },
  },
});
