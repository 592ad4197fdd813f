import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Built into the server's output (dist/web; its server module lives in src/web-explorer so the two never share a folder in dist/), served by Nest at /. No plugin needed: esbuild
 * compiles TSX with React's automatic runtime. `npm run web:dev` proxies the API to a local server.
 */
export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Vite's module-preload polyfill is an inline script; the CSP allows none.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:3000',
      '/export': 'http://127.0.0.1:3000',
    },
  },
});
