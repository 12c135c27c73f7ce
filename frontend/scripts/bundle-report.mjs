// Prints the gzipped JavaScript a visitor downloads, and fails when a budget is exceeded.
//   login: the entry chunk plus everything /login statically needs to render
//   total: every JavaScript file the build emits
// Run after `vite build` (which writes .vite/manifest.json); the argument is the
// build's output directory (default: dist).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

// The budgets, in KB gzipped, live in bundle-budget.json, which the browser's
// performance test reads too. The login page loads the shared API client chunk
// (every operation the dashboard calls: about 6 KB gzipped with every capability
// the template offers) and offers the sign-in options (a browser library that one
// of them needs loads on first use); the budget leaves 2 KB of room.
const BUDGET_KB = JSON.parse(readFileSync(new URL('./bundle-budget.json', import.meta.url), 'utf8'))
const dist = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'))

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024

function staticClosure(keys) {
  const seen = new Set()
  const visit = (key) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const imported of manifest[key]?.imports ?? []) visit(imported)
  }
  keys.forEach(visit)
  return [...seen].map((key) => manifest[key].file)
}

function routeChunks(routeFile) {
  return Object.keys(manifest).filter((key) => key.startsWith(`${routeFile}?`) || key === routeFile)
}

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry)
const sum = (files) => files.reduce((total, file) => total + gzipKb(file), 0)

const loginFiles = staticClosure([...entries, ...routeChunks('src/routes/login.tsx')])
const allFiles = readdirSync(join(dist, 'assets'))
  .filter((file) => file.endsWith('.js'))
  .map((file) => `assets/${file}`)

const figures = { login: sum(loginFiles), total: sum(allFiles) }
const routes = Object.keys(manifest)
  .filter((key) => manifest[key].isDynamicEntry)
  .map((key) => ({ route: key.replace(/\?.*$/, ''), kb: gzipKb(manifest[key].file) }))
  .sort((a, b) => b.kb - a.kb)

console.log(
  `bundle: ${allFiles.length} JavaScript chunks, ${routes.length} lazily loaded route chunks`,
)
for (const { route, kb } of routes.slice(0, 5))
  console.log(`  ${kb.toFixed(1).padStart(6)} KB  ${route}`)
let failed = false
for (const [name, kb] of Object.entries(figures)) {
  const ok = kb <= BUDGET_KB[name]
  failed ||= !ok
  console.log(
    `bundle ${name}: ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB[name]} KB) ${ok ? 'OK' : 'OVER BUDGET'}`,
  )
}
process.exit(failed ? 1 : 0)
