import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'

/**
 * Scan the page and fail on any serious or critical violation. Each scan is
 * recorded as an annotation so the suite's summary can count them.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze()
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
  test.info().annotations.push({
    type: 'axe',
    description: JSON.stringify({
      name,
      violations: blocking.length,
      minor: results.violations.length - blocking.length,
    }),
  })
  const summary = blocking.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  )
  expect(summary, `axe violations on ${name}`).toEqual([])
}
