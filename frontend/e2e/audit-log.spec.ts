import type { APIRequestContext, Page } from '@playwright/test'
import { accessToken, admin, createUser, type TestUser } from './support/api'
import { expectAccessible } from './support/axe'
import { apiUrl } from './support/env'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

async function bearer(request: APIRequestContext, user: { email: string; password: string }) {
  return { Authorization: `Bearer ${await accessToken(request, user)}` }
}

/** Signs the user in through the API (an entry of its own) and gives their id. */
async function signIn(request: APIRequestContext, user: TestUser): Promise<string> {
  const response = await request.get(`${apiUrl}/api/v1/users/me`, {
    headers: await bearer(request, user),
  })
  const me: { id: string } = await response.json()
  return me.id
}

async function renameAsAdmin(request: APIRequestContext, userId: string, fullName: string) {
  const response = await request.patch(`${apiUrl}/api/v1/users/${userId}`, {
    headers: await bearer(request, admin),
    data: { full_name: fullName },
  })
  expect(response.ok(), await response.text()).toBe(true)
}

/** Today in the browser's (and this process's) time zone, as a date input holds it. */
function localDay(offsetDays = 0): string {
  const day = new Date()
  day.setDate(day.getDate() + offsetDays)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`
}

async function openLogOf(page: Page, user: TestUser) {
  await logIn(page, admin)
  await page.goto(`/audit-log?${new URLSearchParams({ email: user.email })}`)
  await expect(page.getByLabel('User', { exact: true })).toHaveValue(user.email)
}

test('actions read as words, their code kept in a tooltip and in the filter', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await signIn(request, user)
  await logIn(page, admin)
  await page.goto('/audit-log')
  await page.getByLabel('User', { exact: true }).selectOption(user.email)
  await expect(page).toHaveURL(/email=/)
  await expect(page.getByRole('row')).toHaveCount(2)

  const row = page.getByRole('row', { name: /Signed in/ })
  await expect(row).toContainText(user.email)
  await expect(row.getByTitle('login')).toHaveText('Signed in')
  await expect(page.getByText('login', { exact: true })).toHaveCount(0)
  await expect(
    page.getByLabel('Action', { exact: true }).getByRole('option', { name: 'Email changed' }),
  ).toHaveAttribute('value', 'email_changed')
})

test('a change by a superuser shows the old and the new value', async ({ page, request }) => {
  const user = await createUser(request, { fullName: 'Ann' })
  await renameAsAdmin(request, await signIn(request, user), 'Anne')
  await openLogOf(page, user)

  const row = page.getByRole('row', { name: /User updated/ })
  await expect(row).toContainText('Full name: Ann → Anne')
  await expect(row).toContainText(admin.email)
  await expect(row.getByRole('listitem')).toHaveCount(1)
})

test('a deleted user stays in the filter and their entries stay readable', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  const userId = await signIn(request, user)
  const deleted = await request.delete(`${apiUrl}/api/v1/users/${userId}`, {
    headers: await bearer(request, admin),
  })
  expect(deleted.ok()).toBe(true)
  await logIn(page, admin)
  await page.goto('/audit-log')
  await page.getByLabel('User', { exact: true }).selectOption(user.email)
  await expect(page.getByRole('row')).toHaveCount(3)

  await expect(page.getByRole('row', { name: /User deleted/ })).toContainText(user.email)
  await expect(page.getByRole('row', { name: /Signed in/ })).toContainText(user.email)
})

test('the log filters by action and by days, in the URL', async ({ page, request }) => {
  const user = await createUser(request)
  await renameAsAdmin(request, await signIn(request, user), 'Renamed')
  await openLogOf(page, user)

  await page.getByLabel('Action', { exact: true }).selectOption('user_updated')
  await expect(page).toHaveURL(/action=user_updated/)
  await expect(page).toHaveURL(/email=/)
  await expect(page.getByRole('row')).toHaveCount(2)
  await expect(page.getByRole('row').nth(1)).toContainText('User updated')

  await page.getByLabel('From', { exact: true }).fill(localDay(1))
  await expect(page).toHaveURL(/from=/)
  await expect(page.getByText('No events match these filters.')).toBeVisible()

  await page.getByLabel('From', { exact: true }).fill(localDay())
  await page.getByLabel('To', { exact: true }).fill(localDay())
  await expect(page.getByRole('row').nth(1)).toContainText('User updated')

  await page.reload()
  await expect(page.getByLabel('Action', { exact: true })).toHaveValue('user_updated')
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(localDay())
  await expect(page.getByRole('row').nth(1)).toContainText('User updated')

  await page.getByLabel('To', { exact: true }).fill(localDay(-1))
  await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(
    'The “to” date is before the “from” date.',
  )
  await expect(page.getByRole('table')).toHaveCount(0)

  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page).not.toHaveURL(/action=|email=|from=|to=/)
  await expect(page.getByLabel('User', { exact: true })).toHaveValue('')
})

test('a page past the last one goes to the last, the filters kept', async ({ page, request }) => {
  const user = await createUser(request)
  await signIn(request, user)
  await logIn(page, admin)
  await page.goto('/audit-log?action=login&page=99')
  await expect(page).not.toHaveURL(/page=99/)
  await expect(page).toHaveURL(/action=login/)
  await expect(page.getByRole('row').nth(1)).toContainText('Signed in')
  await expect(page.getByText('No events recorded yet.')).toHaveCount(0)
})

test('filled-in filters and a refused range have no accessibility violation', async ({
  page,
  request,
}) => {
  const user = await createUser(request, { fullName: 'Ann' })
  await renameAsAdmin(request, await signIn(request, user), 'Anne')
  await openLogOf(page, user)
  await page.getByLabel('From', { exact: true }).fill(localDay())
  await expect(page).toHaveURL(/from=/)
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport)
    await expectAccessible(page, `audit log filtered (${viewport.width} px)`)
  }
  await page.getByLabel('To', { exact: true }).fill(localDay(-1))
  await expect(page.getByText('The “to” date is before the “from” date.')).toBeVisible()
  await expectAccessible(page, 'audit log, a refused range')
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('each entry is a card showing every field', async ({ page, request }) => {
    const user = await createUser(request, { fullName: 'Ann' })
    await renameAsAdmin(request, await signIn(request, user), 'Anne')
    await openLogOf(page, user)

    await expect(page.getByRole('table')).toBeHidden()
    const card = page
      .getByRole('list', { name: 'Audit log entries' })
      .getByRole('listitem', { name: /^User updated, / })
    for (const text of [
      'User updated',
      'By',
      admin.email,
      'User',
      user.email,
      'IP address',
      '127.0.0.1',
      'Full name: Ann → Anne',
    ]) {
      await expect(card).toContainText(text)
    }
    await expect(card.getByTitle('user_updated')).toBeVisible()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
  })
})
