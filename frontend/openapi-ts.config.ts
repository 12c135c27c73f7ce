import { defineConfig } from '@hey-api/openapi-ts'

// scripts/generate-client.sh exports the backend's schema to a file and may
// point the output elsewhere (the up-to-date check generates into a scratch dir).
export default defineConfig({
  input: process.env.OPENAPI_INPUT ?? 'openapi.json',
  output: {
    path: process.env.OPENAPI_OUTPUT ?? 'src/client',
    postProcess: ['biome:format'],
  },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
})
