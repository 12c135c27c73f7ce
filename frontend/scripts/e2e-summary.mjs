// Prints the figures of a Playwright JSON report: tests passed/failed, the
// tests that failed or passed only on their retry (by name, with the first
// line of their error), the axe scans and what the browser fetched for /login.
// Exits non-zero on any failure.
import { readFileSync } from 'node:fs'
import { stripVTControlCharacters } from 'node:util'

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const counts = { passed: 0, failed: 0, skipped: 0 }
const named = { failed: [], flaky: [] }
const notes = { axe: new Map(), bundle: new Map() }

function record(note) {
  if (note.type in notes) notes[note.type].set(note.description, JSON.parse(note.description))
}

function firstError(run) {
  const failure = (run.results ?? []).find((result) => result.error)
  const message = failure?.error?.message ?? ''
  const clean = stripVTControlCharacters(message)
  return clean.split('\n').find((line) => line.trim()) ?? 'no error message'
}

function visit(suite) {
  for (const spec of suite.specs ?? []) {
    for (const run of spec.tests ?? []) {
      const name = `${spec.file}:${spec.line} ${spec.title}`
      if (run.status === 'skipped') counts.skipped++
      else if (run.status === 'unexpected') {
        counts.failed++
        named.failed.push(`${name}: ${firstError(run)}`)
      } else {
        counts.passed++
        if (run.status === 'flaky') named.flaky.push(`${name}: ${firstError(run)}`)
      }
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
for (const line of named.flaky) console.log(`flaky (passed on its retry): ${line}`)
for (const line of named.failed) console.log(`failed: ${line}`)
const skipped = counts.skipped ? `, ${counts.skipped} skipped` : ''
const flaky = named.flaky.length ? `, ${named.flaky.length} of them on a retry` : ''
console.log(`e2e: ${counts.passed} passed${flaky}, ${counts.failed} failed${skipped}`)
process.exit(counts.failed > 0 || violations > 0 ? 1 : 0)
