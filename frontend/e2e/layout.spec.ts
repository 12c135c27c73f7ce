import type { Locator } from '@playwright/test'
import { createUser } from './support/api'
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

test.describe('toasts', () => {
  for (const viewport of [{ width: 1280, height: 720 }, PHONE]) {
    test(`leave the user menu uncovered at ${viewport.width} px`, async ({ page, request }) => {
      await page.setViewportSize(viewport)
      await logIn(page, await createUser(request))
      await page.goto('/settings')
      await page.getByLabel('Full name').fill('A toast is coming')
      await page.getByRole('button', { name: 'Save' }).click()
      await expect(page.getByText('Profile saved')).toBeVisible()
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
