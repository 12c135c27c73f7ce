import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'

/**
 * Scan the page with every rule axe runs by default (WCAG 2.x A and AA and its
 * best practices: landmarks, heading order...) and fail on any violation,
 * whatever its impact: a "minor" one still stands in someone's way. Each scan
 * is recorded as an annotation so the suite's summary can count them.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  test.info().annotations.push({
    type: 'axe',
    description: JSON.stringify({ name, violations: results.violations.length }),
  })
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  )
  expect(summary, `axe violations on ${name}`).toEqual([])
}
