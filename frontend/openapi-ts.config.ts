import { defineConfig } from '@hey-api/openapi-ts'

// scripts/generate-client.sh exports the backend's schema to a file and may
// point the output elsewhere (the up-to-date check generates into a scratch dir).
export default defineConfig({
  input: process.env.OPENAPI_INPUT ?? 'openapi.json',
  // Formatting with Biome happens in scripts/generate-client.sh.
  output: process.env.OPENAPI_OUTPUT ?? 'src/client',
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
})
