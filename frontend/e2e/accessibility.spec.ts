import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import type { PublicPath, SignedInPath } from '../src/lib/page-paths'
import { admin, createItems, createUser } from './support/api'
import { expectAccessible } from './support/axe'
import { expect, test } from './support/test'
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
  ready: (page: Page) => Promise<void>
  /** The address to visit when the route's path is not enough (a search, a parameter). */
  address?: string
  picture?: boolean
}

type Visit = PageCheck & { address: string }

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

// Keyed by every page of the route tree: tsc fails when a page has no check. A page
// with a state worth its own scan (a tab, say) has one check for each.
const PUBLIC_PAGES: Record<PublicPath, PageCheck[]> = {
  '/login': [{ name: 'login', ready: heading('Log in'), picture: true }],
  '/signup': [{ name: 'signup', ready: heading('Create an account') }],
  '/recover-password': [{ name: 'recover-password', ready: heading('Recover your password') }],
  '/reset-password': [
    {
      name: 'reset-password',
      address: '/reset-password?token=x',
      ready: heading('Choose a new password'),
    },
  ],
  '/verify-email': [
    {
      name: 'verify-email',
      address: '/verify-email?token=x',
      ready: heading('Confirm your email'),
    },
  ],
}

const SIGNED_IN_PAGES: Record<SignedInPath, PageCheck[]> = {
  '/': [{ name: 'dashboard', ready: heading(/^Hi, /), picture: true }],
  '/$': [{ name: 'not-found', address: '/no-such-page', ready: heading('Page not found') }],
  '/items': [{ name: 'items', ready: heading('Items'), picture: true }],
  '/admin': [{ name: 'admin', ready: heading('Users'), picture: true }],
  '/audit-log': [{ name: 'audit-log', ready: heading('Audit log') }],
  '/settings': [
    { name: 'settings', ready: heading('User settings'), picture: true },
    {
      name: 'settings-sessions',
      address: '/settings?tab=sessions',
      ready: heading('User settings'),
    },
  ],
}

// A visitor's 404: outside the signed-in layout, so no route of its own.
const NOT_FOUND: Visit = {
  name: 'not-found (signed out)',
  address: '/no-such-page',
  ready: heading('Page not found'),
}

function visits(pages: Record<string, PageCheck[]>): Visit[] {
  return Object.entries(pages).flatMap(([path, checks]) =>
    checks.map((check) => ({ ...check, address: check.address ?? path })),
  )
}

async function check(page: Page, target: Visit, theme: (typeof THEMES)[number]) {
  await page.goto(target.address)
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

    test('public pages have no serious accessibility violation', async ({
      page,
      consoleErrors,
    }) => {
      consoleErrors.allow(/status of 400 .*\/verify-email$/) // its made-up token is refused
      for (const target of [...visits(PUBLIC_PAGES), NOT_FOUND]) await check(page, target, theme)
    })

    test('signed-in pages have no serious accessibility violation', async ({ page, request }) => {
      await createItems(request, admin, [`Quarterly report (${theme})`, `Team offsite (${theme})`])
      await logIn(page, admin)
      for (const target of visits(SIGNED_IN_PAGES)) await check(page, target, theme)

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
