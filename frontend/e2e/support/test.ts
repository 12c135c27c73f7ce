import { test as base, expect } from '@playwright/test'

type ConsoleErrors = {
  /** Accept console errors matching `pattern`: a response the test expects to fail. */
  allow(pattern: RegExp): void
}

/**
 * Playwright's `test`, failing any test whose page logs a console error or
 * throws an uncaught exception. Chromium logs every 4xx/5xx answer as a console
 * error ("Failed to load resource: ... status of 400 ... <url>"), so a test that
 * provokes one says so with `consoleErrors.allow(/status of 400.*access-token/)`.
 */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ page, baseURL }, use) => {
      const allowed: RegExp[] = []
      const seen: string[] = []
      // Only the dashboard's pages: the mail catcher's UI is not ours to judge.
      const ours = () => baseURL === undefined || page.url().startsWith(baseURL)
      page.on('console', (message) => {
        if (message.type() === 'error' && ours())
          seen.push(`${message.text()} ${message.location().url}`)
      })
      page.on('pageerror', (error) => {
        if (ours()) seen.push(`uncaught: ${error.message}`)
      })
      await use({ allow: (pattern) => allowed.push(pattern) })
      const unexpected = seen.filter((line) => !allowed.some((pattern) => pattern.test(line)))
      expect(unexpected, 'console errors or uncaught exceptions').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
