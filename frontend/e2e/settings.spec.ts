import type { APIRequestContext, Browser } from '@playwright/test'
import { createUser, removePassword, type TestUser, uniqueEmail } from './support/api'
import { mailUrl } from './support/env'
import { linkTo, waitForMail } from './support/mail'
import { expect, test } from './support/test'
import { logIn, logOut } from './support/ui'

test('update the full name', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await page.goto('/settings')
  await page.getByLabel('Full name').fill('New Name')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Profile saved')).toBeVisible()
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Hi, New Name 👋' })).toBeVisible()
})

test('changing the email asks for the password and waits for confirmation', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  const newEmail = uniqueEmail('moved')
  await logIn(page, user)
  await page.goto('/settings')
  await page.getByLabel('Email').fill(newEmail)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Enter your password to change your email')).toBeVisible()
  await page.getByLabel('Current password').fill(user.password)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(`Confirm ${newEmail}`).first()).toBeVisible()
})

/** How many mails the catcher holds for `recipient`. */
async function mailCount(request: APIRequestContext, recipient: string): Promise<number> {
  const response = await request.get(`${mailUrl}/api/messages`)
  const mails: Array<{ recipients: string[] }> = await response.json()
  return mails.filter((mail) => mail.recipients.includes(recipient)).length
}

test('a pending email change shows as such and can be resent or cancelled', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400 .*\/verify-email$/)
  const user = await createUser(request)
  const newEmail = uniqueEmail('pending')
  await logIn(page, user)
  await page.goto('/settings')
  await page.getByLabel('Email').fill(newEmail)
  await page.getByLabel('Current password').fill(user.password)
  await page.getByRole('button', { name: 'Save' }).click()

  const pending = page.getByRole('region', { name: 'Pending email change' })
  const emailField = page.getByRole('textbox', { name: 'Email', exact: true })
  await expect(pending).toContainText(`Pending confirmation at ${newEmail}`)
  await expect(emailField).toHaveValue(user.email)
  await expect(page.getByLabel('Current password')).toHaveCount(0)
  await page.reload()
  await expect(pending).toContainText(`Pending confirmation at ${newEmail}`)
  await waitForMail(request, newEmail)

  await pending.getByRole('button', { name: 'Resend' }).click()
  await expect(page.getByText(`A new confirmation link has been sent to ${newEmail}`)).toBeVisible()
  await expect.poll(() => mailCount(request, newEmail)).toBe(2)
  const latestLink = linkTo(await waitForMail(request, newEmail), '/verify-email')

  await pending.getByRole('button', { name: 'Cancel change' }).click()
  await expect(page.getByText(`Email change cancelled: you keep ${user.email}`)).toBeVisible()
  await expect(pending).toBeHidden()
  await page.reload()
  await expect(emailField).toHaveValue(user.email)
  await expect(pending).toBeHidden()

  await page.goto(latestLink.replace(/^https?:\/\/[^/]+/, ''))
  await expect(page.getByRole('alert')).toContainText('This email change was cancelled')
})

test('change the password, then log in with the new one', async ({ page, request }) => {
  const user = await createUser(request)
  await logIn(page, user)
  await page.goto('/settings?tab=password')
  await page.getByLabel('Current password').fill(user.password)
  await page.getByLabel('New password', { exact: true }).fill('Another-Passw0rd')
  await page.getByLabel('Confirm new password').fill('Another-Passw0rd')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('Password changed')).toBeVisible()
  await logOut(page)
  await logIn(page, { email: user.email, password: 'Another-Passw0rd' })
})

test('an account without a password sets one through a mailed link', async ({ page, request }) => {
  const user = await createUser(request)
  await logIn(page, user)
  await removePassword(request, user)
  await page.goto('/settings?tab=password')
  await expect(page.getByText('Your account has no password')).toBeVisible()
  await expect(page.getByLabel('Current password')).toHaveCount(0)
  await page.getByRole('button', { name: 'Email me a link' }).click()
  await expect(page.getByRole('status')).toContainText(user.email)

  const link = linkTo(await waitForMail(request, user.email), '/reset-password')
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
  await page.getByLabel('New password', { exact: true }).fill('First-Own-Passw0rd')
  await page.getByLabel('Confirm password').fill('First-Own-Passw0rd')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await logIn(page, { email: user.email, password: 'First-Own-Passw0rd' })
  await page.goto('/settings?tab=password')
  await expect(page.getByLabel('Current password')).toBeVisible()
})

test('an account without a password changes its email without being asked for one', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  const newEmail = uniqueEmail('moved')
  await logIn(page, user)
  await removePassword(request, user)
  await page.goto('/settings')
  await page.getByLabel('Email').fill(newEmail)
  await expect(page.getByLabel('Current password')).toHaveCount(0)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(`Confirm ${newEmail}`).first()).toBeVisible()
})

test('the appearance choice persists after a reload', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await page.goto('/settings?tab=appearance')
  await page.getByLabel('Dark').check()
  await expect(page.locator('html')).toHaveClass(/dark/)
  await page.reload()
  await expect(page.locator('html')).toHaveClass(/dark/)
  await expect(page.getByLabel('Dark')).toBeChecked()
  await page.getByLabel('Light').check()
  await expect(page.locator('html')).not.toHaveClass(/dark/)
})

const LINUX_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36'
const LINUX_FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'

/** Log `user` in from another device, known by its user agent. */
async function logInElsewhere(browser: Browser, user: TestUser, userAgent: string) {
  const context = await browser.newContext({ userAgent })
  const page = await context.newPage()
  await logIn(page, user)
  return { context, page }
}

test('revoking a session asks first, naming the device: cancel keeps it, confirm ends it', async ({
  browser,
  page,
  request,
}) => {
  const user = await createUser(request)
  const other = await logInElsewhere(browser, user, LINUX_CHROME)
  await logIn(page, user)
  await page.goto('/settings?tab=sessions')
  const revoke = page.getByRole('button', { name: 'Revoke session on Chrome on Linux' })

  await revoke.click()
  const dialog = page.getByRole('alertdialog', { name: 'Log out Chrome on Linux?' })
  await expect(dialog).toContainText('has to log in again')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await page.reload()
  await expect(revoke).toBeVisible()
  await other.page.reload()
  await expect(other.page.getByRole('heading', { level: 1, name: /^Hi, / })).toBeVisible()

  await revoke.click()
  await dialog.getByRole('button', { name: 'Log out this device' }).click()
  await expect(page.getByText('Logged out Chrome on Linux')).toBeVisible()
  await expect(revoke).toBeHidden()
  await other.page.reload()
  await expect(other.page).toHaveURL(/\/login/)
  await other.context.close()
})

test('log out everywhere else says how many sessions end: cancel keeps them, confirm ends them', async ({
  browser,
  page,
  request,
}) => {
  const user = await createUser(request)
  const others = [
    await logInElsewhere(browser, user, LINUX_CHROME),
    await logInElsewhere(browser, user, LINUX_FIREFOX),
  ]
  await logIn(page, user)
  await page.goto('/settings?tab=sessions')
  await expect(page.getByText('This device')).toBeVisible()
  const revokeButtons = page.getByRole('button', { name: /^Revoke session on/ })
  await expect(revokeButtons).toHaveCount(2)

  await page.getByRole('button', { name: 'Log out everywhere else' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Log out everywhere else?' })
  await expect(dialog).toContainText('This ends 2 other sessions (')
  await expect(dialog).toContainText('Chrome on Linux')
  await expect(dialog).toContainText('Firefox on Linux')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await page.reload()
  await expect(revokeButtons).toHaveCount(2)

  await page.getByRole('button', { name: 'Log out everywhere else' }).click()
  await dialog.getByRole('button', { name: 'End 2 other sessions' }).click()
  await expect(page.getByText('Logged out of every other session')).toBeVisible()
  await expect(revokeButtons).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Log out everywhere else' })).toBeDisabled()
  for (const { context } of others) await context.close()
})

test('delete the account only with its password', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of 400 .*\/(login\/access-token|users\/me)$/)
  const user = await createUser(request)
  await logIn(page, user)
  await page.goto('/settings?tab=danger')
  await page.getByRole('button', { name: 'Delete my account' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText('This deletes your account and everything that is yours')
  // #region capability: organizations
  await expect(dialog).toContainText("Deleted with everything in them: Test Person's organization")
  // #endregion capability: organizations
  await dialog.getByLabel('Your password').fill('not-my-password')
  await dialog.getByRole('button', { name: 'Delete my account for good' }).click()
  await expect(dialog.getByLabel('Your password')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog).toContainText('Incorrect password')
  await dialog.getByLabel('Your password').fill(user.password)
  await dialog.getByRole('button', { name: 'Delete my account for good' }).click()
  await expect(page).toHaveURL(/\/login/)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password')
})

test('an account without a password is deleted with its email typed out', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await logIn(page, user)
  await removePassword(request, user)
  await page.goto('/settings?tab=danger')
  await page.getByRole('button', { name: 'Delete my account' }).click()
  const dialog = page.getByRole('alertdialog')
  const deleteButton = dialog.getByRole('button', { name: 'Delete my account for good' })
  await expect(dialog).toContainText(`Your account has no password: type ${user.email} to confirm`)
  await expect(dialog.getByLabel('Your password')).toHaveCount(0)
  await expect(deleteButton).toBeDisabled()
  await dialog.getByLabel('Your email address').fill(`not-${user.email}`)
  await expect(deleteButton).toBeDisabled()
  await dialog.getByLabel('Your email address').fill(user.email.toUpperCase())
  await deleteButton.click()
  await expect(page).toHaveURL(/\/login/)
  await expect(page.getByText('Your account has been deleted')).toBeVisible()
  await page.goto('/settings')
  await expect(page).toHaveURL(/\/login/)
})
