import { defineConfig } from 'vite';

// The Messenger frame: Preact with Vite's own JSX transform (no preset), one IIFE and one stylesheet.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: {
      entry: 'src/frame/main.tsx',
      formats: ['iife'],
      name: 'FrontdeskMessengerFrame',
      fileName: () => 'frame.js',
      cssFileName: 'frame',
    },
  },
});
