import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app lives in src/web and builds into dist/web, which the server
 * serves (src/server/platform/web.ts). In development, `npx vite` serves the
 * app with hot reload and forwards /api (including WebSockets) to a server
 * started with `npm run dev`. The Host header is kept as is, so the server's
 * same-origin check accepts the browser's requests through the proxy.
 */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server answers index.html with a strict CSP: no inline scripts, ever.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
