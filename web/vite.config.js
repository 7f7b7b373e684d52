import { defineConfig } from 'vite';

// `npm run dev` serves the page on :5173 and forwards /api to the local runtime; the build goes to dist/, which the
// local runtime serves at / (and Bicep's static website hosts in Azure).
export default defineConfig({
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:7071' } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1200 },
});
