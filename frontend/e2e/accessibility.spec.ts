import type { Locator, Page } from '@playwright/test'
import type { PublicPath, SignedInPath } from '../src/lib/page-paths'
import {
  admin,
  // #region capability: passkeys
  ageProofs,
  // #endregion capability: passkeys
  // #region capability: items
  createItems,
  // #endregion capability: items
  createUser,
} from './support/api'
import { expectAccessible } from './support/axe'
import { expect, test } from './support/test'
import { logIn } from './support/ui'
// #region capability: passkeys
import { addPasskey, addVirtualAuthenticator } from './support/webauthn'

// #endregion capability: passkeys

const THEMES = ['light', 'dark'] as const
type Theme = (typeof THEMES)[number]

/** Every page is scanned at both widths: the phone layout has its own elements (the menu
 * button, stacked rows) and its own ways to fail. */
const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const

type PageCheck = {
  /** Waits for the page's content, so the scan judges the page and not its loading state. */
  ready: (page: Page) => Promise<void>
  /** The address to visit when the route's path is not enough (a search, a parameter). */
  address?: string
  /** Something the page opens on top of itself, scanned open: the button and what it shows. */
  opens?: { button: string; shows: (page: Page) => Locator }
}

type Visit = PageCheck & { name: string; address: string }

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

const dialog = (name: string) => (page: Page) => page.getByRole('dialog', { name })

// Keyed by every page of the route tree: tsc fails when a page has no check. A page
// with tabs has each tab scanned (see `scan`), whatever tabs it has.
const PUBLIC_PAGES: Record<PublicPath, PageCheck> = {
  '/login': { ready: heading('Log in') },
  '/signup': { ready: heading('Create an account') },
  '/recover-password': { ready: heading('Recover your password') },
  '/reset-password': {
    address: '/reset-password?token=x',
    ready: heading('Choose a new password'),
  },
  '/verify-email': { address: '/verify-email?token=x', ready: heading('Confirm your email') },
  // #region capability: organizations
  '/invitations/accept': {
    address: '/invitations/accept?token=x',
    ready: async (page) => {
      await heading('Join an organization')(page)
      await expect(page.getByRole('alert')).toBeVisible()
    },
  },
  // #endregion capability: organizations
}

const SIGNED_IN_PAGES: Record<SignedInPath, PageCheck> = {
  '/': {
    ready: heading(/^Hi, /),
    opens: { button: 'User menu', shows: (page) => page.getByRole('menu') },
  },
  '/$': { address: '/no-such-page', ready: heading('Page not found') },
  // #region capability: items
  '/items': {
    ready: heading('Items'),
    opens: { button: 'Add item', shows: dialog('Add item') },
  },
  // #endregion capability: items
  '/admin': {
    ready: heading('Users'),
    opens: { button: 'Add user', shows: dialog('Add user') },
  },
  '/audit-log': { ready: heading('Audit log') },
  // #region capability: background_jobs
  '/jobs': { ready: heading('Jobs') },
  // #endregion capability: background_jobs
  '/settings': { ready: heading('User settings') },
  // #region capability: organizations
  '/organization': { ready: heading('Organization') },
  // #endregion capability: organizations
}

// A visitor's 404: outside the signed-in layout, so no route of its own.
const NOT_FOUND: Visit = {
  name: 'not-found (signed out)',
  address: '/no-such-page',
  ready: heading('Page not found'),
}

function visits(pages: Record<string, PageCheck>): Visit[] {
  return Object.entries(pages).map(([path, check]) => ({
    ...check,
    name: path,
    address: check.address ?? path,
  }))
}

type Mode = { theme: Theme; width: (typeof WIDTHS)[number] }

const MODES: Mode[] = THEMES.flatMap((theme) => WIDTHS.map((width) => ({ theme, width })))

/** Visit a page and scan it, each of its tabs and what it opens. */
async function scan(page: Page, target: Visit, mode: Mode) {
  const named = (what: string) => `${what} (${mode.theme}, ${mode.width.name})`
  await page.goto(target.address)
  await target.ready(page)
  await expect(page.locator('html')).toHaveClass(mode.theme === 'dark' ? /dark/ : /^(?!.*dark)/)
  const tabs = await page.getByRole('tab').all()
  if (tabs.length === 0) await expectAccessible(page, named(target.name))
  for (const tab of tabs) {
    await tab.click()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
    await expectAccessible(page, named(`${target.name}, ${await tab.textContent()} tab`))
  }
  if (target.opens) {
    const { button, shows } = target.opens
    await page.getByRole('button', { name: button }).click()
    await expect(shows(page)).toBeVisible()
    await expectAccessible(page, named(`${target.name}, ${button} open`))
    await page.keyboard.press('Escape')
    await expect(shows(page)).toBeHidden()
  }
}

// One test per theme and width and kind of page, so they spread over the workers.
for (const mode of MODES) {
  test.describe(`${mode.theme} mode, ${mode.width.name}`, () => {
    test.use({ colorScheme: mode.theme, viewport: mode.width.viewport })
    test.describe.configure({ timeout: 120_000 })

    test('public pages have no accessibility violation', async ({ page, consoleErrors }) => {
      // Their made-up tokens are refused.
      consoleErrors.allow(/status of 400 .*\/verify-email$/)
      // #region capability: organizations
      consoleErrors.allow(/status of 400 .*\/invitations\/preview$/)
      // #endregion capability: organizations
      for (const target of [...visits(PUBLIC_PAGES), NOT_FOUND]) await scan(page, target, mode)
    })

    // One login for every page: the session lives in this page's cookies, and a
    // refresh token can't be shared between browser contexts (reusing one revokes it).
    test('signed-in pages have no accessibility violation', async ({
      page,
      // #region capability: items
      request,
      // #endregion capability: items
    }) => {
      // #region capability: items
      const tag = `${mode.theme}, ${mode.width.name}`
      await createItems(request, admin, [
        { title: `Quarterly report (${tag})`, description: 'Figures for the board' },
        `Team offsite (${tag})`,
      ])
      // #endregion capability: items
      await logIn(page, admin)
      for (const target of visits(SIGNED_IN_PAGES)) await scan(page, target, mode)
    })

    // The login page with the sign-in options' buttons (on in the end-to-end run).
    test('the login page with every sign-in option has no accessibility violation', async ({
      page,
    }) => {
      await page.goto('/login')
      // #region capability: passkeys
      await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible()
      // #endregion capability: passkeys
      // #region capability: oauth
      await expect(page.getByRole('link', { name: /^Continue with / })).toBeVisible()
      // #endregion capability: oauth
      await expectAccessible(
        page,
        `login, every sign-in option (${mode.theme}, ${mode.width.name})`,
      )
    })

    // #region capability: magic_links
    // States that no route's first view shows: the sign-in link form, and an emailed
    // link that failed.
    test('sign-in links have no accessibility violation', async ({ page, consoleErrors }) => {
      consoleErrors.allow(/status of 400 .*\/login\/magic-link\/sign-in$/)
      const named = (what: string) => `${what} (${mode.theme}, ${mode.width.name})`
      await page.goto('/login')
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
      await expect(page.getByLabel('Email for the sign-in link')).toBeVisible()
      await expectAccessible(page, named('login, sign-in link form'))
      await page.goto('/login?magic=not-a-link')
      await expect(page.getByRole('alert')).toBeVisible()
      await expectAccessible(page, named('login, refused sign-in link'))
    })
    // #endregion capability: magic_links

    // #region capability: passkeys
    test('passkeys in the settings have no accessibility violation', async ({
      page,
      request,
      consoleErrors,
    }) => {
      consoleErrors.allow(/status of 403 .*\/users\/me\/passkeys\/[0-9a-f-]+$/)
      const named = (what: string) => `${what} (${mode.theme}, ${mode.width.name})`
      await addVirtualAuthenticator(page)
      const user = await createUser(request)
      await logIn(page, user)
      await addPasskey(page, 'This laptop')
      // The toast fades out; scanned mid-fade its text fails the contrast check.
      await expect(page.getByText('Passkey “This laptop” added')).toBeHidden({ timeout: 15_000 })
      await expectAccessible(page, named('settings, Security tab with a passkey'))
      await page.getByRole('button', { name: 'Rename This laptop' }).click()
      await expect(dialog('Rename passkey')(page)).toBeVisible()
      await expectAccessible(page, named('settings, Rename passkey open'))
      await page.keyboard.press('Escape')
      await ageProofs(request, user)
      await page.getByRole('button', { name: 'Remove This laptop' }).click()
      await expect(dialog("Confirm it's you")(page)).toBeVisible()
      await expectAccessible(page, named("settings, Confirm it's you with a passkey"))
    })
    // #endregion capability: passkeys

    // A superuser can't delete their own account, so its tab needs someone else.
    test("a user's danger zone has no accessibility violation", async ({ page, request }) => {
      await logIn(page, await createUser(request))
      await page.goto('/settings?tab=danger')
      await expect(page.getByRole('heading', { name: 'Delete account' })).toBeVisible()
      await expectAccessible(page, `settings, Danger zone tab (${mode.theme}, ${mode.width.name})`)
    })
  })
}

test.describe('phone', () => {
  test.use({ viewport: WIDTHS[1].viewport })

  test('the sidebar collapses into a menu', async ({ page, request }) => {
    await logIn(page, await createUser(request))
    await expect(page.getByRole('link', { name: 'User settings', exact: true })).toBeHidden()
    await page.getByRole('button', { name: 'Open menu' }).click()
    const menu = page.getByRole('dialog', { name: 'Menu' })
    await expect(menu).toBeVisible()
    await expectAccessible(page, 'menu open on a phone')
    await menu.getByRole('link', { name: 'User settings', exact: true }).click()
    await expect(page).toHaveURL(/\/settings$/)
    await expect(menu).toBeHidden()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)
    expect(overflow).toBe(false)
  })
})
