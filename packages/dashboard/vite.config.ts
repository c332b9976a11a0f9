import { defineConfig } from 'vite';

/**
 * The console is served by engram under /dashboard/, so asset URLs are
 * absolute under that base; everything is bundled (no CDN at run time).
 */
export default defineConfig({
  base: '/dashboard/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Small enough that one file each is best; no runtime chunk loading.
    modulePreload: false,
    reportCompressedSize: false,
  },
  server: { proxy: { '/admin': 'http://127.0.0.1:8000' } },
});
