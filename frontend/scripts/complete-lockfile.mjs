// Adds to package-lock.json the platform-specific optional packages that npm
// left out because the registry it used does not serve them (some mirrors
// carry only the Linux builds). Without these entries `npm ci` refuses the
// lock file anywhere, and machines of other platforms could not install.
// Each entry gets the os/cpu/libc that its name declares, so npm skips it on
// other platforms exactly as it would with the registry's metadata.
// Run after `npm install`: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const OS = ['android', 'darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'sunos']
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'wasm32', 'riscv64', 'ppc64', 's390x']

function platformOf(name) {
  const parts = name.split('/').pop().split('-')
  const entry = {}
  const os = parts.find((part) => OS.includes(part))
  const cpu = parts.find((part) => CPU.includes(part))
  if (os) entry.os = [os]
  if (cpu) entry.cpu = [cpu]
  if (parts.includes('musl')) entry.libc = ['musl']
  else if (os === 'linux' && parts.some((part) => part.startsWith('gnu'))) entry.libc = ['glibc']
  return entry
}

const path = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(path, 'utf8'))
let added = 0
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const location = `${key ? `${key}/` : ''}node_modules/${name}`
    const hoisted = `node_modules/${name}`
    if (lock.packages[location] || lock.packages[hoisted]) continue
    lock.packages[hoisted] = {
      version,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(name),
    }
    added += 1
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
)
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`package-lock.json: ${added} platform package(s) added`)
