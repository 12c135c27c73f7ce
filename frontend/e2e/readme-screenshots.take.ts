// The README's pictures, taken on demand by scripts/screenshots.sh (never by the
// test suite: its name doesn't match *.spec.ts). It fills a fresh database with
// the admin's colleagues, then photographs each page in light and dark mode.
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import {
  accessToken,
  admin,
  createUser,
  // #region capability: organizations
  type TestUser,
  // #endregion capability: organizations
} from './support/api'
import { apiUrl } from './support/env'
// #region capability: organizations
import {
  addInvitations,
  addMember,
  createOrganization,
  // #region capability: items
  createOrganizationItem,
  // #endregion capability: items
  switchOrganization,
} from './support/organizations'
// #endregion capability: organizations
import { expect, test } from './support/test'
import { logIn } from './support/ui'

const OUT = fileURLToPath(new URL('../screenshots/', import.meta.url))
const DESKTOP = { width: 1200, height: 760 }
// #region capability: items
const PHONE = { width: 390, height: 844 }
// #endregion capability: items

// The admin's colleagues: name and email.
const PEOPLE = [
  ['Maria Garcia', 'maria.garcia@example.com'],
  ['Kenji Watanabe', 'kenji.watanabe@example.com'],
  ['Amara Okafor', 'amara.okafor@example.com'],
  ['Lukas Novak', 'lukas.novak@example.com'],
] as const
// #region capability: organizations
// The admin's team: the colleagues in each role, and pending invitations.
const TEAM = 'Northwind Studio'
// PEOPLE's roles in the team, in the same order; the last one only reads.
const ROLES = ['admin', 'member', 'member', 'viewer'] as const
const INVITED = ['priya.shah@example.com', 'tom.becker@example.com']
// #endregion capability: organizations

// #region capability: items
const ITEMS = [
  { title: 'Renew the office lease', description: 'Landlord wants an answer by the 30th' },
  { title: 'Quarterly report', description: 'Figures for the board meeting' },
  { title: 'Team offsite', description: 'Two days in Lisbon, 12 people' },
  { title: 'Replace the meeting-room projector', description: '' },
  { title: 'Onboarding checklist for new hires', description: 'Laptop, accounts, first week' },
  { title: 'Customer survey', description: 'Send to everyone who bought this year' },
]
// #endregion capability: items

const PAGES: { name: string; address: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'dashboard', address: '/', ready: heading(/^Hi, /) },
  // #region capability: items
  { name: 'items', address: '/items', ready: heading('Items') },
  // #endregion capability: items
  // #region capability: organizations
  { name: 'organization', address: '/organization?tab=members', ready: heading('Organization') },
  // #endregion capability: organizations
  { name: 'admin', address: '/admin', ready: heading('Users') },
  { name: 'audit-log', address: '/audit-log', ready: heading('Audit log') },
  // #region capability: background_jobs
  { name: 'jobs', address: '/jobs', ready: heading('Jobs') },
  // #endregion capability: background_jobs
  {
    name: 'settings',
    address: '/settings',
    ready: async (page) => {
      await expect(page.getByLabel('Full name')).toHaveValue('Alex Morgan')
    },
  },
]

function heading(name: string | RegExp) {
  return async (page: Page) => {
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  }
}

async function take(page: Page, name: string) {
  // Settle fonts and transitions, so a picture never catches a frame in between.
  await page.evaluate(() => document.fonts.ready)
  await page.waitForTimeout(300)
  await page.screenshot({ path: `${OUT}${name}.png` })
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  const token = await accessToken(request, admin)
  const named = await request.patch(`${apiUrl}/api/v1/users/me`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { full_name: 'Alex Morgan' },
  })
  expect(named.ok(), await named.text()).toBe(true)
  // #region capability: organizations
  const colleagues: TestUser[] = []
  // #endregion capability: organizations
  for (const [fullName, email] of PEOPLE) {
    const person = await createUser(request, { fullName, email })
    // Signed in once, as people do: the audit log shows them too.
    await accessToken(request, person)
    // #region capability: organizations
    colleagues.push(person)
    // #endregion capability: organizations
  }
  // #region capability: organizations
  const team = await createOrganization(request, admin, TEAM)
  // #region capability: items
  const writers = [admin]
  // #endregion capability: items
  for (const [index, person] of colleagues.entries()) {
    const role = ROLES[index] ?? 'viewer'
    await addMember(request, { owner: admin, orgId: team.id, member: person, role })
    // #region capability: items
    if (role !== 'viewer') writers.push(person)
    // #endregion capability: items
  }
  await addInvitations(request, { owner: admin, orgId: team.id, emails: INVITED, role: 'member' })
  // #endregion capability: organizations
  // #region capability: background_jobs
  // Some emails, so the Jobs page has jobs to show.
  for (const [, email] of PEOPLE.slice(0, 2)) {
    const sent = await request.post(`${apiUrl}/api/v1/password-recovery`, { data: { email } })
    expect(sent.ok(), await sent.text()).toBe(true)
  }
  // #endregion capability: background_jobs
  // #region capability: items
  // Spread over several people, so the list shows its owner column at work.
  for (const [index, item] of ITEMS.entries()) {
    await createOrganizationItem(request, writers[index % writers.length] ?? admin, team.id, item)
  }
  // #endregion capability: items
})

for (const theme of ['light', 'dark'] as const) {
  test(`${theme} pages`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await page.setViewportSize(DESKTOP)
    await page.goto('/login')
    await heading('Log in')(page)
    await take(page, `login-${theme}`)
    await logIn(page, admin)
    // #region capability: organizations
    await switchOrganization(page, TEAM)
    // #endregion capability: organizations
    for (const target of PAGES) {
      await page.goto(target.address)
      await target.ready(page)
      await take(page, `${target.name}-${theme}`)
    }
    // #region capability: items
    if (theme === 'light') {
      await page.setViewportSize(PHONE)
      await page.goto('/items')
      await heading('Items')(page)
      await take(page, 'items-phone')
    }
    // #endregion capability: items
  })
}
