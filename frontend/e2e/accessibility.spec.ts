import { fileURLToPath } from 'node:url'
import { expect, type Page, test } from '@playwright/test'
import { admin, createItems, createUser } from './support/api'
import { expectAccessible } from './support/axe'
import { logIn } from './support/ui'

// The committed pictures (README) change only when asked: UPDATE_SCREENSHOTS=1.
const SCREENSHOTS = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS ? '../screenshots/' : '../test-results/screenshots/',
    import.meta.url,
  ),
)
const THEMES = ['light', 'dark'] as const

type PageCheck = {
  name: string
  path: string
  ready: (page: Page) => Promise<void>
  picture?: boolean
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

const PUBLIC_PAGES: PageCheck[] = [
  { name: 'login', path: '/login', ready: heading('Log in'), picture: true },
  { name: 'signup', path: '/signup', ready: heading('Create an account') },
  { name: 'recover-password', path: '/recover-password', ready: heading('Recover your password') },
  {
    name: 'reset-password',
    path: '/reset-password?token=x',
    ready: heading('Choose a new password'),
  },
  { name: 'verify-email', path: '/verify-email?token=x', ready: heading('Confirm your email') },
]

const PRIVATE_PAGES: PageCheck[] = [
  { name: 'dashboard', path: '/', ready: heading(/^Hi, /), picture: true },
  { name: 'items', path: '/items', ready: heading('Items'), picture: true },
  { name: 'admin', path: '/admin', ready: heading('Users'), picture: true },
  { name: 'audit-log', path: '/audit-log', ready: heading('Audit log') },
  { name: 'settings', path: '/settings', ready: heading('User settings'), picture: true },
  { name: 'settings-sessions', path: '/settings?tab=sessions', ready: heading('User settings') },
  { name: 'not-found', path: '/no-such-page', ready: heading('Page not found') },
]

async function check(page: Page, target: PageCheck, theme: (typeof THEMES)[number]) {
  await page.goto(target.path)
  await target.ready(page)
  await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/)
  await expectAccessible(page, `${target.name} (${theme})`)
  if (target.picture) {
    await page.screenshot({ path: `${SCREENSHOTS}${target.name}-${theme}.png` })
  }
}

for (const theme of THEMES) {
  test.describe(`${theme} mode`, () => {
    test.use({ colorScheme: theme, viewport: { width: 1200, height: 760 } })
    // One test visits many pages and scans each: give it room on a busy machine.
    test.describe.configure({ timeout: 120_000 })

    test('public pages have no serious accessibility violation', async ({ page }) => {
      for (const target of PUBLIC_PAGES) await check(page, target, theme)
    })

    test('signed-in pages have no serious accessibility violation', async ({ page, request }) => {
      await createItems(request, admin, [`Quarterly report (${theme})`, `Team offsite (${theme})`])
      await logIn(page, admin)
      for (const target of PRIVATE_PAGES) await check(page, target, theme)

      await page.goto('/items')
      await page.getByRole('button', { name: 'Add item' }).click()
      await expect(page.getByRole('dialog')).toBeVisible()
      await expectAccessible(page, `add item dialog (${theme})`)
    })
  })
}

test.describe('phone (375 px)', () => {
  test.use({ viewport: { width: 375, height: 740 } })

  test('the sidebar collapses into a menu', async ({ page, request }) => {
    await logIn(page, await createUser(request))
    await expect(page.getByRole('link', { name: 'Items', exact: true })).toBeHidden()
    await page.getByRole('button', { name: 'Open menu' }).click()
    const menu = page.getByRole('dialog', { name: 'Menu' })
    await menu.getByRole('link', { name: 'Items', exact: true }).click()
    await expect(page).toHaveURL(/\/items$/)
    await expect(menu).toBeHidden()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)
    expect(overflow).toBe(false)
    await expectAccessible(page, 'items on a phone')
    await page.screenshot({ path: `${SCREENSHOTS}items-phone.png` })
  })
})
