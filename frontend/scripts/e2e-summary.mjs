// Prints the figures of a Playwright JSON report: tests passed/failed, the axe
// scans and what the browser fetched for /login. Exits non-zero on any failure.
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const counts = { passed: 0, failed: 0, skipped: 0 }
const notes = { axe: new Map(), bundle: new Map() }

function record(note) {
  if (note.type in notes) notes[note.type].set(note.description, JSON.parse(note.description))
}

function visit(suite) {
  for (const spec of suite.specs ?? []) {
    for (const run of spec.tests ?? []) {
      if (run.status === 'skipped') counts.skipped++
      else if (run.status === 'unexpected') counts.failed++
      else counts.passed++
      // Annotations sit on the test or on its results depending on Playwright's version.
      for (const note of run.annotations ?? []) record(note)
      for (const result of run.results ?? [])
        for (const note of result.annotations ?? []) record(note)
    }
  }
  for (const child of suite.suites ?? []) visit(child)
}
report.suites.forEach(visit)

const scans = [...notes.axe.values()]
const violations = scans.reduce((sum, scan) => sum + scan.violations, 0)
console.log(`axe: ${scans.length} page scans, ${violations} violations`)
for (const { toRender, total } of notes.bundle.values()) {
  console.log(
    `browser: /login fetched ${toRender} KB of JavaScript (gzipped) to render, ${total} KB once idle`,
  )
}
const skipped = counts.skipped ? `, ${counts.skipped} skipped` : ''
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed${skipped}`)
process.exit(counts.failed > 0 || violations > 0 ? 1 : 0)
