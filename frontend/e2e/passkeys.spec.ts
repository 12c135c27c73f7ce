import { ageProofs, createUser } from './support/api'
import { expect, test } from './support/test'
import { logIn, logOut } from './support/ui'
import { addPasskey, addVirtualAuthenticator } from './support/webauthn'

const welcome = /^Hi, /

test('add a passkey in Settings, sign in with it without an email, then remove it', async ({
  page,
  request,
}) => {
  await addVirtualAuthenticator(page)
  const user = await createUser(request)
  await logIn(page, user)

  await addPasskey(page, 'This laptop')
  const passkeys = page.getByRole('list', { name: 'Your passkeys' })
  await expect(passkeys.getByRole('listitem')).toHaveCount(1)
  await expect(passkeys).toContainText('never used')
  await logOut(page)

  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page.getByRole('heading', { level: 1, name: welcome })).toBeVisible()

  await page.goto('/settings?tab=security')
  await expect(passkeys).toContainText('last used')
  await page.getByRole('button', { name: 'Rename This laptop' }).click()
  const rename = page.getByRole('dialog', { name: 'Rename passkey' })
  await rename.getByLabel('Name').fill('Old laptop')
  await rename.getByRole('button', { name: 'Save' }).click()
  await expect(rename).toBeHidden()
  await page.getByRole('button', { name: 'Remove Old laptop' }).click()
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible()
})

test('a passkey confirms it is you before a sensitive change', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 403 .*\/users\/me\/passkeys\/[0-9a-f-]+$/)
  await addVirtualAuthenticator(page)
  const user = await createUser(request)
  await logIn(page, user)
  await addPasskey(page, 'Phone')
  await ageProofs(request, user)

  await page.getByRole('button', { name: 'Remove Phone' }).click()
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" })
  await dialog.getByRole('button', { name: 'Use a passkey instead' }).click()

  await expect(dialog).toBeHidden()
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible()
})
