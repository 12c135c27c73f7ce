import { createUser, uniqueEmail } from './support/api'
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

test('the sessions tab lists devices, revokes one, then all the others', async ({
  browser,
  page,
  request,
}) => {
  const user = await createUser(request)
  const others = [await browser.newContext(), await browser.newContext()]
  for (const context of others) await logIn(await context.newPage(), user)
  await logIn(page, user)
  await page.goto('/settings?tab=sessions')
  await expect(page.getByText('This device')).toBeVisible()
  const revokeButtons = page.getByRole('button', { name: /^Revoke session on/ })
  await expect(revokeButtons).toHaveCount(2)

  await revokeButtons.first().click()
  await expect(page.getByText('Session revoked')).toBeVisible()
  await expect(revokeButtons).toHaveCount(1)

  await page.getByRole('button', { name: 'Log out everywhere else' }).click()
  await expect(page.getByText('Logged out of every other session')).toBeVisible()
  await expect(revokeButtons).toHaveCount(0)
  for (const context of others) await context.close()
})

test('delete the account only with its password', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of 400 .*\/(login\/access-token|users\/me)$/)
  const user = await createUser(request)
  await logIn(page, user)
  await page.goto('/settings?tab=danger')
  await page.getByRole('button', { name: 'Delete my account' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText('all your items')
  await dialog.getByLabel('Your password').fill('not-my-password')
  await dialog.getByRole('button', { name: 'Delete my account and items' }).click()
  await expect(dialog.getByLabel('Your password')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog).toContainText('Incorrect password')
  await dialog.getByLabel('Your password').fill(user.password)
  await dialog.getByRole('button', { name: 'Delete my account and items' }).click()
  await expect(page).toHaveURL(/\/login/)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password')
})
