import type { Page } from '@playwright/test'
import { ageProofs, createUser } from './support/api'
import { expectAccessible } from './support/axe'
import { passwordOnly } from './support/env'
import { expect, test } from './support/test'
import { logIn } from './support/ui'
// #region capability: passkeys
import { addVirtualAuthenticator } from './support/webauthn'

// #endregion capability: passkeys

// A server with every sign-in option switched off (scripts/suites/e2e.sh starts it
// beside the one the other specs use). Off options leave no button, and the password
// does everything. A request to a route that is not served would fail the test as a
// console error.
const server = passwordOnly.apiUrl ?? ''

test.skip(
  !passwordOnly.baseUrl || !passwordOnly.apiUrl,
  'needs the servers of scripts/suites/e2e.sh',
)
test.use({ baseURL: passwordOnly.baseUrl })

// #region capability: passkeys
// The browser can make passkeys, so a missing passkey button is the setting's doing.
test.beforeEach(async ({ page }) => {
  await addVirtualAuthenticator(page)
})
// #endregion capability: passkeys

/** Nothing on the page names a switched-off option: no button, no link, no text. */
async function expectNoSignInOption(page: Page) {
  // #region capability: passkeys
  await expect(page.getByText(/passkey/i)).toHaveCount(0)
  // #endregion capability: passkeys
  // #region capability: magic_links
  await expect(page.getByText(/sign-in link/i)).toHaveCount(0)
  // #endregion capability: magic_links
  // #region capability: two_factor
  await expect(page.getByText(/authenticator|two-factor/i)).toHaveCount(0)
  // #endregion capability: two_factor
  const elsewhere = /^(continue|sign in|sign up) with /i
  const ways = page
    .getByRole('link', { name: elsewhere })
    .or(page.getByRole('button', { name: elsewhere }))
  await expect(ways).toHaveCount(0)
  // #region capability: oauth
  await expect(page.getByText(/connected accounts/i)).toHaveCount(0)
  // #endregion capability: oauth
}

test('the login page offers the password alone, and it signs in', async ({ page, request }) => {
  const user = await createUser(request, {}, server)
  await page.goto('/login')
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible()
  await expectNoSignInOption(page)
  await expectAccessible(page, 'login, every sign-in option off')

  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Hi, / })).toBeVisible()
})

// #region capability: magic_links
test('an emailed sign-in link from before the switch leads to the password form', async ({
  page,
}) => {
  await page.goto('/login?magic=a-link-from-before')
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expectNoSignInOption(page)
})
// #endregion capability: magic_links

test('the sign-up page offers no other way in', async ({ page }) => {
  await page.goto('/signup')
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign up' })).toBeVisible()
  await expectNoSignInOption(page)
})

test('settings have no Security tab and no sign-in method to add', async ({ page, request }) => {
  await logIn(page, await createUser(request, {}, server))
  await page.goto('/settings?tab=security')
  await expect(page.getByRole('heading', { level: 1, name: 'User settings' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Profile' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tab')).toHaveText([
    'Profile',
    'Password',
    'Sessions',
    'Appearance',
    'Danger zone',
  ])
  await expectNoSignInOption(page)
  await expectAccessible(page, 'settings, every sign-in option off')
})

test('confirming a sensitive change asks for the password alone', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 403 .*\/users\/me\/password$/)
  const user = await createUser(request, {}, server)
  await logIn(page, user)
  await ageProofs(request, user, server)

  await page.goto('/settings?tab=password')
  await page.getByLabel('Current password').fill(user.password)
  await page.getByLabel('New password', { exact: true }).fill('Another-Passw0rd')
  await page.getByLabel('Confirm new password').fill('Another-Passw0rd')
  await page.getByRole('button', { name: 'Change password' }).click()
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
  await expect(dialog.getByLabel('Password')).toBeVisible()
  await expectNoSignInOption(page)
  await dialog.getByLabel('Password').fill(user.password)
  await dialog.getByRole('button', { name: 'Confirm' }).click()

  await expect(dialog).toBeHidden()
  await expect(page.getByText('Password changed')).toBeVisible()
})
