import type { Locator, Page } from '@playwright/test'
import { createItems, createUser } from './support/api'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

const PHONE = { width: 390, height: 844 }

/** True when a click at the centre of `target` would land on it, not on something above it. */
async function unobscured(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect()
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
    return hit !== null && element.contains(hit)
  })
}

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

test.describe('toasts', () => {
  for (const viewport of [{ width: 1280, height: 720 }, PHONE]) {
    test(`leave the user menu uncovered at ${viewport.width} px`, async ({ page, request }) => {
      await page.setViewportSize(viewport)
      await logIn(page, await createUser(request))
      await page.goto('/items')
      await page.getByRole('button', { name: 'Add item' }).click()
      const dialog = page.getByRole('dialog', { name: 'Add item' })
      await dialog.getByLabel('Title').fill('A toast is coming')
      await dialog.getByRole('button', { name: 'Save' }).click()
      await expect(dialog).toBeHidden()
      await expect(page.getByText('Item created')).toBeVisible()
      expect(await unobscured(page.getByRole('button', { name: 'User menu' }))).toBe(true)
    })
  }
})

test.describe('settings', () => {
  test('every tab shows its card at the same width', async ({ page, request }) => {
    await logIn(page, await createUser(request))
    await page.goto('/settings')
    await expect(page.getByRole('tab').first()).toBeVisible()
    const widths = new Map<string, number>()
    for (const tab of await page.getByRole('tab').all()) {
      const name = (await tab.textContent()) ?? ''
      await tab.click()
      const card = page.getByRole('tabpanel', { name }).locator('section').first()
      await expect(card).toBeVisible()
      widths.set(name, Math.round((await card.boundingBox())?.width ?? 0))
    }
    expect(widths.size).toBeGreaterThanOrEqual(4)
    const first = [...widths.values()][0]
    expect(Object.fromEntries(widths)).toEqual(
      Object.fromEntries([...widths.keys()].map((name) => [name, first])),
    )
  })

  test('the tabs stay on one row on a phone', async ({ page, request }) => {
    await page.setViewportSize(PHONE)
    await logIn(page, await createUser(request))
    await page.goto('/settings')
    const tabs = page.getByRole('tab')
    await expect(page.getByRole('tab', { name: 'Danger zone' })).toBeVisible()
    expect(await tabs.count()).toBeGreaterThan(1)
    const tops = await tabs.evaluateAll((all) => all.map((tab) => (tab as HTMLElement).offsetTop))
    expect(new Set(tops).size).toBe(1)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)
    expect(overflow).toBe(false)
    // Every tab can still be reached, by scrolling the row.
    await tabs.last().click()
    await expect(page.getByRole('tab', { name: 'Danger zone' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
  })
})

test.describe('items table', () => {
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

test.describe('auth pages', () => {
  test('a failed login leaves the inputs where they were', async ({
    page,
    request,
    consoleErrors,
  }) => {
    consoleErrors.allow(/status of 400 .*\/login\/access-token$/)
    const user = await createUser(request)
    await page.goto('/login')
    const email = page.getByLabel('Email')
    const password = page.getByLabel('Password', { exact: true })
    const before = [(await email.boundingBox())?.y, (await password.boundingBox())?.y]
    await email.fill(user.email)
    await password.fill('not-the-password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page.getByRole('alert')).toHaveText('Incorrect email or password')
    const after = [(await email.boundingBox())?.y, (await password.boundingBox())?.y]
    expect(after).toEqual(before)
  })
})
