import { createItems, createUser } from './support/api'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

test('a new user sees the empty state', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await page.goto('/items')
  await expect(page.getByRole('heading', { name: "You don't have any items yet" })).toBeVisible()
})

test('add, edit and delete an item through dialogs', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await page.goto('/items')

  await page.getByRole('button', { name: 'Add item' }).click()
  const addDialog = page.getByRole('dialog', { name: 'Add item' })
  await addDialog.getByRole('button', { name: 'Save' }).click()
  await expect(addDialog.getByText('Enter a title')).toBeVisible()
  await addDialog.getByLabel('Title').fill('Buy milk')
  await addDialog.getByLabel('Description').fill('Two litres')
  await addDialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Item created')).toBeVisible()
  await expect(addDialog).toBeHidden()
  await expect(page.getByRole('cell', { name: 'Buy milk', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Edit Buy milk' }).click()
  const editDialog = page.getByRole('dialog', { name: 'Edit item' })
  await editDialog.getByLabel('Title').fill('Buy oat milk')
  await editDialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Item updated')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Buy oat milk', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Delete Buy oat milk' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Delete item?' })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('Item deleted')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Buy oat milk', exact: true })).toBeHidden()
})

test('dialogs keep focus inside and close on Escape', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await page.goto('/items')
  const trigger = page.getByRole('button', { name: 'Add item' })
  await trigger.click()
  const dialog = page.getByRole('dialog', { name: 'Add item' })
  await expect(dialog.getByLabel('Title')).toBeFocused()
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab')
  const focusInside = await dialog.evaluate((node) => node.contains(document.activeElement))
  expect(focusInside).toBe(true)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(trigger).toBeFocused()
})

test('pagination follows the URL', async ({ page, request }) => {
  const user = await createUser(request)
  const titles = Array.from({ length: 12 }, (_, i) => `Item ${String(i + 1).padStart(2, '0')}`)
  await createItems(request, user, titles)
  await logIn(page, user)
  await page.goto('/items')
  await expect(page.getByText('Page 1 of 2')).toBeVisible()
  await expect(page.getByRole('row')).toHaveCount(11)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page).toHaveURL(/\/items\?page=2$/)
  await expect(page.getByRole('row')).toHaveCount(3)
  await page.reload()
  await expect(page.getByText('Page 2 of 2')).toBeVisible()
  await page.getByRole('button', { name: 'Previous' }).click()
  await expect(page.getByText('Page 1 of 2')).toBeVisible()
})

test('a page past the last one shows the last page, not the empty state', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await createItems(request, user, ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth'])
  await createItems(request, user, ['Seventh', 'Eighth', 'Ninth', 'Tenth', 'Eleventh', 'Twelfth'])
  await logIn(page, user)
  await page.goto('/items?page=99')
  await expect(page).toHaveURL(/\/items\?page=2$/)
  await expect(page.getByText('Page 2 of 2')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'First', exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { name: "You don't have any items yet" })).toHaveCount(0)
})

test('deleting every item of the last page moves to the page before', async ({ page, request }) => {
  const user = await createUser(request)
  await createItems(request, user, ['Oldest'])
  await createItems(
    request,
    user,
    Array.from({ length: 10 }, (_, i) => `Newer ${i + 1}`),
  )
  await logIn(page, user)
  await page.goto('/items?page=2')
  await page.getByRole('button', { name: 'Delete Oldest' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('Item deleted')).toBeVisible()
  await expect(page).toHaveURL(/\/items$/)
  await expect(page.getByRole('row')).toHaveCount(11)
  await expect(page.getByRole('heading', { name: "You don't have any items yet" })).toHaveCount(0)
  await expect(page.getByText(/Page \d+ of/)).toHaveCount(0)
})

test('the list names who created each item and narrows to one’s own', async ({ page, request }) => {
  const user = await createUser(request)
  await createItems(request, user, ['Mine'])
  await logIn(page, user)
  await page.goto('/items')
  // The personal organization is the active one until another is chosen.
  await expect(page.getByText(/^Everything .*'s organization keeps track of\.$/)).toBeVisible()
  await expect(page.getByRole('columnheader', { name: 'Owner' })).toBeVisible()
  const row = page.getByRole('row', { name: /Mine/ })
  await expect(row.getByRole('cell', { name: user.email })).toBeVisible()

  await page.getByLabel('Show').selectOption({ label: 'My items' })
  await expect(page).toHaveURL(/owner=mine/)
  await expect(row).toBeVisible()
})
