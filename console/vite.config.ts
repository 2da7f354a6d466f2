/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The one origin `bin/slipway up` starts (dev-infra/origin); `npm run dev` forwards the API and the
// development sign-in to it, so the dev server needs no routing table of its own.
const origin = process.env.SLIPWAY_ORIGIN ?? 'http://127.0.0.1:8080';

// `vite build` writes dist/, which the one origin serves (console/README.md). The tests run in
// happy-dom; scripts/test.mjs prints their summary as one plain line.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // The page calls the API it was served with: not a cross-origin request, though the services'
      // CORS filter (API-7) would take it for one, so its own Origin is not forwarded (as the one origin does).
      '/api': {
        target: origin,
        changeOrigin: true,
        configure: (proxy) => proxy.on('proxyReq', (proxyReq, request) => {
          if (request.headers.origin === `http://${request.headers.host}`) proxyReq.removeHeader('origin');
        }),
      },
      '/dev/sign-in': { target: origin, changeOrigin: true },
    },
  },
  test: {
    environment: 'happy-dom',
    globals: true,
    setupFiles: ['test/setup.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
  },
});
