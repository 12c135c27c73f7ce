import type { APIRequestContext } from '@playwright/test'
import { createUser, uniqueEmail } from './support/api'
import { oidcUrl } from './support/env'
import { expect, test } from './support/test'
import { logIn, logOut } from './support/ui'

// The provider signs in whoever was chosen last: these tests take turns.
test.describe.configure({ mode: 'serial' })

/** Choose who the tests' provider signs in next. */
async function providerSignsIn(
  request: APIRequestContext,
  login: { email: string; subject: string; name?: string; email_verified?: boolean },
): Promise<void> {
  const response = await request.post(`${oidcUrl}/next-login`, { data: login })
  expect(response.ok()).toBe(true)
}

test('sign up through the OpenID Connect provider, then sign in with it again', async ({
  page,
  request,
}) => {
  const login = { email: uniqueEmail('sso'), subject: `sub-${Date.now()}`, name: 'Sam Sso' }
  await providerSignsIn(request, login)
  await page.goto('/login')
  await page.getByRole('link', { name: 'Continue with Test SSO' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Hi, Sam Sso 👋' })).toBeVisible()

  await logOut(page)
  await providerSignsIn(request, login)
  await page.getByRole('link', { name: 'Continue with Test SSO' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Hi, Sam Sso 👋' })).toBeVisible()
})

test('an unverified address at the provider is refused with a reason', async ({
  page,
  request,
}) => {
  await providerSignsIn(request, {
    email: uniqueEmail('unverified'),
    subject: `sub-${Date.now()}`,
    email_verified: false,
  })
  await page.goto('/login')
  await page.getByRole('link', { name: 'Continue with Test SSO' }).click()
  await expect(page.getByRole('alert')).toContainText('did not confirm that your email')
  await expect(page).toHaveURL(/\/login/)
})

test('connect the provider from the settings, then sign in with it', async ({ page, request }) => {
  const user = await createUser(request)
  const login = { email: uniqueEmail('elsewhere'), subject: `sub-${Date.now()}` }
  await logIn(page, user)
  await page.goto('/settings?tab=security')
  await providerSignsIn(request, login)
  await page.getByRole('button', { name: 'Connect Test SSO' }).click()
  await expect(page.getByText('Account connected')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Disconnect Test SSO' })).toBeVisible()

  await logOut(page)
  await providerSignsIn(request, login)
  await page.getByRole('link', { name: 'Continue with Test SSO' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Hi, Test Person/ })).toBeVisible()
})
