import type { Locator, Page } from '@playwright/test'
import { createItems, createUser } from './support/api'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

const PHONE = { width: 390, height: 844 }

/** How many lines the text inside an element takes on screen. */
async function lineCount(target: Locator): Promise<number> {
  return target.evaluate((element) => {
    const tops = new Set<number>()
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const rect of range.getClientRects()) tops.add(Math.round(rect.top))
    }
    return tops.size
  })
}

async function columnWidths(page: Page): Promise<number[]> {
  return page
    .getByRole('columnheader')
    .evaluateAll((headers) => headers.map((header) => header.getBoundingClientRect().width))
}

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

test.describe('the table', () => {
  const longTitle = Array.from({ length: 20 }, (_, i) => `word${String(i).padStart(4, '0')}`)
    .join(' ')
    .padEnd(200, '.')

  test('keeps its column widths from one page to the next', async ({ page, request }) => {
    const user = await createUser(request)
    // Newest first: the long title lands on page 2, short ones fill page 1.
    await createItems(request, user, [longTitle, 'Second oldest'])
    await createItems(
      request,
      user,
      Array.from({ length: 10 }, (_, i) => `Short ${i + 1}`),
    )
    await logIn(page, user)
    await page.goto('/items')
    await expect(page.getByText('Page 1 of 2')).toBeVisible()
    const firstPage = await columnWidths(page)
    await page.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByText('Page 2 of 2')).toBeVisible()
    expect(await columnWidths(page)).toEqual(firstPage)
  })

  test('a long title is cut to one line, with the full text at hand', async ({ page, request }) => {
    const user = await createUser(request)
    await createItems(request, user, [longTitle])
    await logIn(page, user)
    await page.goto('/items')
    const row = page.getByRole('row').filter({ hasText: 'word0000' })
    const created = row.getByRole('cell', { name: /\b20\d\d\b/ })
    await expect(created).toBeVisible()
    expect(await lineCount(created)).toBe(1)
    const title = row.getByRole('cell').first()
    expect(await lineCount(title)).toBe(1)
    await expect(title).toHaveAttribute('title', longTitle)
  })

  test('shows the description on a phone', async ({ page, request }) => {
    await page.setViewportSize(PHONE)
    const user = await createUser(request)
    await createItems(request, user, [{ title: 'Buy milk', description: 'Two litres of oat milk' }])
    await logIn(page, user)
    await page.goto('/items')
    const row = page.getByRole('row').filter({ hasText: 'Buy milk' })
    await expect(row.getByText('Two litres of oat milk').filter({ visible: true })).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)
    expect(overflow).toBe(false)
  })
})
