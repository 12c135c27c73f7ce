/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { tanstackRouter } from '@tanstack/router-plugin/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [
    // Must run before the React plugin: it rewrites route files into lazy chunks.
    // Loaders are split too, so the data layer they use stays out of the entry bundle.
    tanstackRouter({
      target: 'react',
      autoCodeSplitting: true,
      codeSplittingOptions: {
        defaultBehavior: [
          ['loader'],
          ['component'],
          ['pendingComponent'],
          ['errorComponent'],
          ['notFoundComponent'],
        ],
      },
    }),
    react(),
    tailwindcss(),
  ],
  // PROJECT_NAME, the product's name, is one setting for the whole stack: it
  // comes from the repository's .env (or the build's environment, as in the
  // Docker build) like the backend's, and is compiled into the bundle and
  // index.html's <title> (%PROJECT_NAME%).
  envDir: '..',
  envPrefix: ['VITE_', 'PROJECT_NAME'],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    manifest: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Few, larger shared chunks compress better than many small ones, and the
        // form libraries stay out of the entry until a page with a form loads.
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](react-router|router-core|history|store|react-store)|clsx|class-variance-authority)[\\/]/,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/ },
            { name: 'forms', test: /node_modules[\\/]react-hook-form[\\/]/ },
            { name: 'schemas', test: /node_modules[\\/](@hookform|zod)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
})
