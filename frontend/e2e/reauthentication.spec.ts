import type { Page } from '@playwright/test'
import { ageProofs, createUser, type TestUser } from './support/api'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

async function askToChangePassword(page: Page, user: TestUser) {
  await page.goto('/settings?tab=password')
  await page.getByLabel('Current password').fill(user.password)
  await page.getByLabel('New password', { exact: true }).fill('Another-Passw0rd')
  await page.getByLabel('Confirm new password').fill('Another-Passw0rd')
  await page.getByRole('button', { name: 'Change password' }).click()
}

test('a sensitive change on a stale session asks for the password, then goes ahead', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 403 .*\/users\/me\/password$/)
  consoleErrors.allow(/status of 400 .*\/users\/me\/reauthenticate$/)
  const user = await createUser(request)
  await logIn(page, user)
  await ageProofs(request, user)

  await askToChangePassword(page, user)
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Password').fill('not-my-password')
  await dialog.getByRole('button', { name: 'Confirm' }).click()
  await expect(dialog.getByRole('alert')).toContainText('That is not right')
  await dialog.getByLabel('Password').fill(user.password)
  await dialog.getByRole('button', { name: 'Confirm' }).click()

  await expect(dialog).toBeHidden()
  await expect(page.getByText('Password changed')).toBeVisible()
})

test('cancelling the question leaves the change undone and says why', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 403 .*\/users\/me\/password$/)
  const user = await createUser(request)
  await logIn(page, user)
  await ageProofs(request, user)

  await askToChangePassword(page, user)
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await expect(dialog).toBeHidden()
  await expect(page.getByRole('alert')).toContainText('enter your password again')
})
