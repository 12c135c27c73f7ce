// Writes src/routeTree.gen.ts from the files in src/routes/, as `vite build` and
// `vite` do, without building anything: resolving the Vite configuration runs the
// TanStack Router plugin's generator with the options vite.config.ts gives it, so
// the tree written here is byte for byte the one a build writes.
// Run: npm run routes
import { resolveConfig } from 'vite'

await resolveConfig({ logLevel: 'warn' }, 'build')
