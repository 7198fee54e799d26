import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The staff application. `npm run build -w @openami/web` writes dist/, which `openami serve` serves;
 * `npm run dev -w @openami/web` serves it with hot reload and sends /api to a server on port 8080.
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
