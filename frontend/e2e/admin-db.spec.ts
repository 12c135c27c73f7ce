import type { Page } from '@playwright/test'
import { admin, createUser } from './support/api'
import { apiUrl } from './support/env'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

const PANEL = `${apiUrl}/admin-db/`

/** What the browser refuses under the page's Content-Security-Policy, as it reports it. */
function policyViolations(page: Page): string[] {
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
  })
  return refused
}

test('a superuser logged in to the dashboard browses and searches a table, under the panel’s policy', async ({
  page,
  request,
}) => {
  const wanted = await createUser(request)
  const another = await createUser(request)
  const refused = policyViolations(page)
  await logIn(page, admin)

  await page.goto(PANEL)
  await expect(page).toHaveURL(PANEL)
  await page.getByRole('link', { name: 'user', exact: true }).click()
  await expect(page.getByRole('cell', { name: wanted.email })).toBeVisible()
  await expect(page.getByText('$argon2')).toHaveCount(0)
  // The search box answers Enter once the panel's scripts have run.
  await page.waitForLoadState('load')
  const search = page.getByPlaceholder(/Search/)
  await search.fill(wanted.email)
  await search.press('Enter')
  await expect(page).toHaveURL(/search=/)
  await expect(page.getByRole('cell', { name: wanted.email })).toBeVisible()
  await expect(page.getByRole('cell', { name: another.email })).toHaveCount(0)
  expect(refused).toEqual([])
})

test('a superuser opens the panel from the dashboard’s Users page', async ({ page }) => {
  await logIn(page, admin)
  await page.goto('/admin')
  await page.getByRole('link', { name: 'Database admin panel' }).click()
  await expect(page).toHaveURL(PANEL)
  await expect(page.getByRole('link', { name: 'user', exact: true })).toBeVisible()
})

test('a normal user is turned away, and so is a visitor without a session', async ({
  page,
  request,
}) => {
  await page.goto(PANEL)
  await expect(page.getByRole('heading', { name: 'Log in first' })).toBeVisible()

  await logIn(page, await createUser(request))
  await page.goto(PANEL)
  await expect(page.getByRole('heading', { name: 'Superusers only' })).toBeVisible()
})
