import { createUser } from './support/api'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

test('a signed-in user sees the 404 inside the sidebar and header', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'User menu' })).toBeVisible()
  await expect(page).toHaveTitle(/^Page not found/)
})

test('a visitor sees the 404 on its own, without being sent to /login', async ({ page }) => {
  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page).toHaveURL(/\/no-such-page$/)
  await expect(page.getByRole('button', { name: 'User menu' })).toHaveCount(0)
})
