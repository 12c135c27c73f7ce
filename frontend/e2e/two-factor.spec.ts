import type { Page } from '@playwright/test'
import { admin, ageProofs, createUser } from './support/api'
import { superuserTwoFactor } from './support/env'
import { expect, test } from './support/test'
import { totp } from './support/totp'
import { logIn, logOut } from './support/ui'

/** Turn two-factor authentication on from the settings; returns the app's secret. */
async function enrol(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto('/settings?tab=security')
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click()
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible()
  const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent()) ?? ''
  await page.getByLabel('Code from the app').fill(totp(secret))
  await page.getByRole('button', { name: 'Turn on' }).click()
  const codes = page.getByRole('region', { name: 'Your recovery codes' }).getByRole('listitem')
  await expect(codes).toHaveCount(10)
  const recoveryCodes = await codes.allTextContents()
  await page.getByRole('button', { name: 'I have saved them' }).click()
  await expect(page.getByText('Two-factor authentication is on')).toBeVisible()
  return { secret, recoveryCodes }
}

async function passwordStep(page: Page, user: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByLabel('Authentication code')).toBeVisible()
}

test('turn on two-factor authentication, then log in with a code from the app', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await logIn(page, user)
  const { secret } = await enrol(page)
  await logOut(page)

  await passwordStep(page, user)
  await page.getByLabel('Authentication code').fill(totp(secret, 1))
  await page.getByRole('button', { name: 'Verify' }).click()

  await expect(page.getByRole('heading', { level: 1, name: /^Hi, / })).toBeVisible()
})

test('a wrong code is refused, a recovery code logs in', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400 .*\/login\/two-factor$/)
  const user = await createUser(request)
  await logIn(page, user)
  const { recoveryCodes } = await enrol(page)
  await logOut(page)

  await passwordStep(page, user)
  await page.getByLabel('Authentication code').fill('000000')
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByRole('alert')).toContainText('That code is not right')
  await page.getByLabel('Authentication code').fill(recoveryCodes[0] ?? '')
  await page.getByRole('button', { name: 'Verify' }).click()

  await expect(page.getByRole('heading', { level: 1, name: /^Hi, / })).toBeVisible()
})

test('on a stale session, a code from the app confirms a sensitive change', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 403 .*\/users\/me\/password$/)
  const user = await createUser(request)
  await logIn(page, user)
  const { secret } = await enrol(page)
  await ageProofs(request, user)

  await page.goto('/settings?tab=password')
  await page.getByLabel('Current password').fill(user.password)
  await page.getByLabel('New password', { exact: true }).fill('Another-Passw0rd')
  await page.getByLabel('Confirm new password').fill('Another-Passw0rd')
  await page.getByRole('button', { name: 'Change password' }).click()
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
  await dialog
    .getByRole('button', { name: 'Use a code from your authenticator app instead' })
    .click()
  await expect(dialog.getByLabel('Password')).toBeHidden()
  await dialog.getByLabel('Authentication code').fill(totp(secret, 1))
  await dialog.getByRole('button', { name: 'Confirm' }).click()

  await expect(dialog).toBeHidden()
  await expect(page.getByText('Password changed')).toBeVisible()
})

// A server of its own (scripts/suites/e2e.sh) requires two-factor authentication of
// superusers. Its one superuser turns it on here, once: these tests run in order.
test.describe('when superusers must use two-factor authentication', () => {
  test.skip(
    !superuserTwoFactor.baseUrl || !superuserTwoFactor.apiUrl,
    'needs the servers of scripts/suites/e2e.sh',
  )
  test.describe.configure({ mode: 'default' })
  test.use({ baseURL: superuserTwoFactor.baseUrl })

  test('a user who is not a superuser is not asked to turn it on', async ({ page, request }) => {
    await logIn(page, await createUser(request, {}, superuserTwoFactor.apiUrl))
    await expect(page).toHaveURL(/\/$/)
  })

  test('a superuser is sent to turn it on after logging in, and manages the app once it is on', async ({
    page,
  }) => {
    await page.goto('/login')
    await page.getByLabel('Email').fill(admin.email)
    await page.getByLabel('Password', { exact: true }).fill(admin.password)
    await page.getByRole('button', { name: 'Log in' }).click()

    await expect(page).toHaveURL(/\/settings\?tab=security$/)
    await expect(
      page.getByRole('status').filter({ hasText: /^Superusers must turn on two-factor/ }),
    ).toHaveText(
      'Superusers must turn on two-factor authentication before they can manage the app.',
    )
    await expect(
      page.getByRole('button', { name: 'Set up two-factor authentication' }),
    ).toBeVisible()
    await page.goto('/admin')
    await expect(page).toHaveURL(/\/settings\?tab=security$/)

    await enrol(page)
    await page.goto('/admin')
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible()
    await expect(page).toHaveURL(/\/admin$/)
  })
})
