// Prints the figures of a Playwright JSON report: tests passed/failed and axe scans.
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
let passed = 0
let failed = 0
let skipped = 0
const scans = []

function visit(suite) {
  for (const spec of suite.specs ?? []) {
    for (const run of spec.tests ?? []) {
      const outcome = run.status // expected | unexpected | flaky | skipped
      if (outcome === 'skipped') skipped++
      else if (outcome === 'unexpected') failed++
      else passed++
      for (const result of run.results ?? []) {
        for (const note of result.annotations ?? run.annotations ?? []) {
          if (note.type === 'axe') scans.push(JSON.parse(note.description))
        }
      }
      for (const note of run.annotations ?? []) {
        if (note.type === 'axe') scans.push(JSON.parse(note.description))
      }
    }
  }
  for (const child of suite.suites ?? []) visit(child)
}
report.suites.forEach(visit)

const unique = new Map(scans.map((scan) => [scan.name, scan]))
const serious = [...unique.values()].reduce((sum, scan) => sum + scan.violations, 0)
const minor = [...unique.values()].reduce((sum, scan) => sum + scan.minor, 0)
console.log(
  `axe: ${unique.size} page scans, ${serious} serious/critical violations, ${minor} minor/moderate`,
)
console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || serious > 0 ? 1 : 0)
