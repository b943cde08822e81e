import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The UI reads ../locales (shared with Rust) and ../crates/api/bindings
// (generated TypeScript types), so Vite may serve files from the repo root.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  resolve: {
    alias: {
      $lib: here('./src/lib'),
      $bindings: here('../crates/api/bindings'),
      $locales: here('../locales'),
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: [here('..')] },
  },
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
