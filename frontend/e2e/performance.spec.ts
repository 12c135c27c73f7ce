import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { expect, test } from './support/test'

declare global {
  interface Window {
    formRenderedAt?: number
  }
}

test('/login renders within the JavaScript budget and defers the rest', async ({
  page,
  request,
}) => {
  // Note the moment the login form enters the page, to tell the scripts it
  // needed from those fetched afterwards (toasts, the form's schema).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('form button[type="submit"]')) {
        window.formRenderedAt = performance.now()
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })

  await page.goto('/login')
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible()
  await page.getByLabel('Email').focus()
  await page.waitForLoadState('networkidle')

  const { renderedAt, scripts } = await page.evaluate(() => ({
    renderedAt: window.formRenderedAt ?? Number.POSITIVE_INFINITY,
    scripts: performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.js'))
      .map((entry) => ({ url: entry.name, startTime: entry.startTime })),
  }))
  const sized = await Promise.all(
    scripts.map(async (script) => {
      const body = await (await request.get(script.url)).body()
      return { ...script, kb: gzipSync(body, { level: 9 }).length / 1024 }
    }),
  )
  const sum = (list: typeof sized) => list.reduce((total, { kb }) => total + kb, 0)
  const toRender = sum(sized.filter(({ startTime }) => startTime < renderedAt))
  const total = sum(sized)
  test.info().annotations.push({
    type: 'bundle',
    description: JSON.stringify({ toRender: toRender.toFixed(1), total: total.toFixed(1) }),
  })
  // The budget scripts/bundle-report.mjs holds the build to.
  const budget = JSON.parse(
    readFileSync(new URL('../scripts/bundle-budget.json', import.meta.url), 'utf8'),
  ) as { login: number }
  expect(toRender).toBeLessThanOrEqual(budget.login)
})
