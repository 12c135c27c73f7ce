import type { APIRequestContext, Page } from '@playwright/test'
import { accessToken, admin, createUser, uniqueEmail } from './support/api'
import { apiUrl } from './support/env'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

// Some tests here make a second superuser for a while, and one needs the admin
// to be the only one: the tests of this file run one after another.
test.describe.configure({ mode: 'default' })

const ONLY_SUPERUSER = 'You are the only active superuser; make someone else a superuser first.'

/** A second active superuser, made through the API; returns a function that deletes it. */
async function anotherSuperuser(request: APIRequestContext): Promise<() => Promise<void>> {
  const headers = { Authorization: `Bearer ${await accessToken(request, admin)}` }
  const created = await request.post(`${apiUrl}/api/v1/users/`, {
    headers,
    data: { email: uniqueEmail('second-admin'), password: 'Second-Adm1n-Pass', is_superuser: true },
  })
  expect(created.ok(), await created.text()).toBe(true)
  const { id }: { id: string } = await created.json()
  return async () => {
    const deleted = await request.delete(`${apiUrl}/api/v1/users/${id}`, { headers })
    expect(deleted.ok()).toBe(true)
  }
}

test('a normal user has no admin menu and is sent away from /admin', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0)
  await page.goto('/admin')
  await expect(page).toHaveURL(/\/$/)
  await page.goto('/audit-log')
  await expect(page).toHaveURL(/\/$/)
})

test('a superuser adds, edits and deletes a user', async ({ page }) => {
  const email = uniqueEmail('managed')
  await logIn(page, admin)
  await page.getByRole('link', { name: 'Admin' }).first().click()
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible()

  await page.getByRole('button', { name: 'Add user' }).click()
  const addDialog = page.getByRole('dialog', { name: 'Add user' })
  await addDialog.getByLabel('Email').fill(email)
  await addDialog.getByLabel('Full name').fill('Managed Person')
  await addDialog.getByLabel('Password').fill('Managed-Passw0rd')
  await addDialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('User created')).toBeVisible()

  await page.getByRole('button', { name: `Edit ${email}` }).click()
  const editDialog = page.getByRole('dialog', { name: 'Edit user' })
  await editDialog.getByLabel('Full name').fill('Renamed Person')
  await editDialog.getByLabel('Superuser').check()
  await editDialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('User updated')).toBeVisible()
  const row = page.getByRole('row', { name: new RegExp(email) })
  await expect(row).toContainText('Renamed Person')
  await expect(row).toContainText('Superuser')

  await page.getByRole('button', { name: `Delete ${email}` }).click()
  const confirm = page.getByRole('alertdialog')
  await expect(confirm).toContainText(`${email} will be deleted permanently.`)
  // #region capability: organizations
  // What goes with the account loads once the dialog is open; clicking before it
  // arrives could land where the button was before the dialog grew.
  await expect(confirm).toContainText(
    "Deleted with everything in them: Managed Person's organization",
  )
  // #endregion capability: organizations
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('User deleted')).toBeVisible()
  await expect(row).toBeHidden()
})

/**
 * The admin's own row: the oldest account, so on the last page of a list
 * that shows the newest first (a page past the end goes to the last). Tests
 * running beside this one add users, so the last page can move on: go there
 * again before each look at the row.
 */
async function goToOwnRow(page: Page) {
  await page.goto('/admin?page=999')
  await expect(page).not.toHaveURL(/page=999/)
}

test('a superuser cannot delete themself', async ({ page }) => {
  await logIn(page, admin)
  await goToOwnRow(page)
  await expect(page.getByRole('button', { name: 'You cannot delete yourself' })).toBeDisabled()
})

test('the only active superuser cannot demote, deactivate or delete themself, and sees why', async ({
  page,
  request,
}) => {
  await logIn(page, admin)
  await goToOwnRow(page)
  await page.getByRole('button', { name: `Edit ${admin.email}` }).click()
  const dialog = page.getByRole('dialog', { name: 'Edit user' })
  for (const label of ['Superuser', 'Active']) {
    await expect(dialog.getByLabel(label)).toBeChecked()
    await expect(dialog.getByLabel(label)).toBeDisabled()
    await expect(dialog.getByLabel(label)).toHaveAccessibleDescription(ONLY_SUPERUSER)
  }
  await expect(dialog.getByText(ONLY_SUPERUSER)).toBeVisible()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('User updated')).toBeVisible()
  // Other tests add users meanwhile, which can move the last page on.
  await goToOwnRow(page)
  await expect(page.getByRole('row', { name: new RegExp(admin.email) })).toContainText('Superuser')
  await expect(page.getByRole('button', { name: 'You cannot delete yourself' })).toBeDisabled()

  const removeSecond = await anotherSuperuser(request)
  try {
    await goToOwnRow(page)
    await page.getByRole('button', { name: `Edit ${admin.email}` }).click()
    await expect(dialog.getByLabel('Superuser')).toBeEnabled()
    await expect(dialog.getByLabel('Active')).toBeEnabled()
    await expect(dialog.getByText(ONLY_SUPERUSER)).toHaveCount(0)
  } finally {
    await removeSecond()
  }
})

test('the users and audit log tables send a page past the last one to the last', async ({
  page,
}) => {
  await logIn(page, admin)
  await page.goto('/admin?page=99')
  await expect(page).not.toHaveURL(/page=99/)
  await expect(page.getByRole('row', { name: new RegExp(admin.email) })).toBeVisible()
  await page.goto('/audit-log?page=99')
  await expect(page).not.toHaveURL(/page=99/)
  await expect(page.getByRole('row').nth(1)).toBeVisible()
  await expect(page.getByText('No events recorded yet.')).toHaveCount(0)
})

test('the add user dialog shows a taken email and a common password on their fields', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400 .*\/users\/$/)
  const existing = await createUser(request)
  await logIn(page, admin)
  await page.goto('/admin')
  await page.getByRole('button', { name: 'Add user' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add user' })
  await dialog.getByLabel('Email').fill(existing.email)
  await dialog.getByLabel('Password').fill('Unusual-Passw0rd-42')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByLabel('Email')).toHaveAccessibleDescription(/already exists/)
  await dialog.getByLabel('Email').fill(uniqueEmail('common'))
  await dialog.getByLabel('Password').fill('password123')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(/too common/)
  await expect(dialog).toBeVisible()
})
