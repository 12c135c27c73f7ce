import type { Page } from '@playwright/test'
import { createUser, uniqueEmail } from './support/api'
import { linkTo, waitForMails } from './support/mail'
import {
  addInvitation,
  addInvitations,
  addMember,
  createOrganization,
  invitationLink,
  switchOrganization,
} from './support/organizations'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

/** Make `name` the active organization and open one tab of its Organization page. */
async function openOrganization(page: Page, name: string, tab: string): Promise<void> {
  await switchOrganization(page, name)
  await page.goto(`/organization?tab=${tab}`)
}

test('an Owner renames the organization, changes its address, and deletes it only with the address typed out', async ({
  page,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  await logIn(page, owner)
  await openOrganization(page, organization.name, 'general')

  const renamed = `Renamed ${uniqueEmail('').slice(1, 9)}`
  await page.getByLabel('Name', { exact: true }).fill(renamed)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Organization saved')).toBeVisible()
  await expect(page.getByRole('button', { name: /^Organization: / })).toHaveAccessibleName(
    `Organization: ${renamed}`,
  )
  await page.reload()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(renamed)

  const slug = `moved-${uniqueEmail('').slice(1, 9)}`
  await page.getByLabel('Address').fill(slug)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Organization saved')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(renamed)
  await expect(page.getByLabel('Address')).toHaveValue(slug)

  await page.getByRole('button', { name: 'Delete organization' }).click()
  const dialog = page.getByRole('alertdialog', { name: `Delete ${renamed}?` })
  await expect(dialog).toContainText(`Type ${slug} to confirm.`)
  const confirmation = dialog.getByLabel("The organization's address")
  await confirmation.fill(organization.slug)
  await dialog.getByRole('button', { name: 'Delete organization' }).click()
  await expect(dialog.getByText(`Type ${slug}`, { exact: true })).toBeVisible()
  await expect(dialog).toBeVisible()

  await confirmation.fill(slug)
  await dialog.getByRole('button', { name: 'Delete organization' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText(`${renamed} deleted`)).toBeVisible()
  const switcher = page.getByRole('button', { name: /^Organization: / })
  await expect(switcher).not.toHaveAccessibleName(`Organization: ${renamed}`)
  await switcher.click()
  await expect(page.getByRole('menuitemradio')).toHaveCount(1)
  await expect(page.getByRole('menuitemradio', { name: /Personal/ })).toBeChecked()
  await expect(page.getByRole('menu')).not.toContainText(renamed)
})

test('an Owner changes a member’s role and removes another member once they confirm', async ({
  page,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  const promoted = await createUser(request, { fullName: 'Mona Member' })
  const leaving = await createUser(request, { fullName: 'Rita Removed' })
  await addMember(request, { owner, orgId: organization.id, member: promoted, role: 'member' })
  await addMember(request, { owner, orgId: organization.id, member: leaving, role: 'viewer' })
  await logIn(page, owner)
  await openOrganization(page, organization.name, 'members')
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') })
  await expect(rows).toHaveCount(3)

  const role = page.getByRole('combobox', { name: 'Role of Mona Member' })
  await expect(role.locator('option:checked')).toHaveText('Member')
  await role.selectOption({ label: 'Admin' })
  await expect(page.getByText('Mona Member is now Admin')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Make Mona Member the Owner' })).toBeVisible()

  await page.getByRole('button', { name: 'Remove Rita Removed' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Remove Rita Removed?' })
  await expect(dialog).toContainText(`Rita Removed loses access to ${organization.name} at once.`)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(rows).toHaveCount(3)

  await page.getByRole('button', { name: 'Remove Rita Removed' }).click()
  await dialog.getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByText('Rita Removed removed')).toBeVisible()
  await expect(rows).toHaveCount(2)
  await expect(page.getByRole('row', { name: /Rita Removed/ })).toHaveCount(0)

  await page.reload()
  await expect(rows).toHaveCount(2)
  await expect(role.locator('option:checked')).toHaveText('Admin')
  await expect(page.getByRole('row', { name: /Rita Removed/ })).toHaveCount(0)
})

test('a resent invitation mails a new link and retires the old one; a revoked one’s link stops working', async ({
  page,
  browser,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  const email = uniqueEmail('pending')
  await addInvitation(request, { owner, orgId: organization.id, email, role: 'viewer' })
  const firstLink = await invitationLink(request, email)
  await logIn(page, owner)
  await openOrganization(page, organization.name, 'invitations')
  const pending = page.getByRole('list', { name: 'Pending invitations' })
  await expect(pending).toContainText(email)

  await page.getByRole('button', { name: `Resend the invitation to ${email}` }).click()
  await expect(page.getByText(`Invitation sent again to ${email}`)).toBeVisible()
  const [newest] = await waitForMails(request, email, 2)
  if (!newest) throw new Error('unreachable')
  const secondLink = linkTo(newest, '/invitations/accept')
  expect(secondLink).not.toBe(firstLink)
  await expect(pending).toContainText(email)

  const visitor = await browser.newContext()
  const theirs = await visitor.newPage()
  await theirs.goto(firstLink)
  await expect(theirs.getByText(/^This invitation is not valid any more/)).toBeVisible()
  await theirs.goto(secondLink)
  await expect(theirs.getByText(`to join ${organization.name} as Viewer`)).toBeVisible()

  await page.getByRole('button', { name: `Revoke the invitation to ${email}` }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Revoke invitation?' })
  await expect(dialog).toContainText(`The link sent to ${email} stops working.`)
  await dialog.getByRole('button', { name: 'Revoke' }).click()
  await expect(page.getByText('Invitation revoked')).toBeVisible()
  await expect(page.getByText('No pending invitations.')).toBeVisible()
  await expect(pending).toBeHidden()

  await theirs.goto(secondLink)
  await expect(theirs.getByText(/^This invitation is not valid any more/)).toBeVisible()
  await expect(theirs.getByText(`to join ${organization.name}`)).toBeHidden()
  await visitor.close()
})

test('built-in roles are read-only, and a custom role is created, changed and deleted as a checklist of permissions', async ({
  page,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  await logIn(page, owner)
  await openOrganization(page, organization.name, 'roles')
  const roles = page.getByRole('list', { name: 'Roles' })
  const roleCard = (name: string) =>
    roles
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) })

  for (const builtIn of ['Owner', 'Admin', 'Member', 'Viewer']) {
    await expect(roleCard(builtIn)).toContainText('Built-in')
    await expect(roleCard(builtIn).getByRole('button')).toHaveCount(0)
  }
  await expect(roleCard('Viewer')).toContainText('See the members')
  await expect(roleCard('Viewer')).not.toContainText("Change members' roles and remove members")

  await page.getByRole('button', { name: 'New role' }).click()
  const create = page.getByRole('dialog', { name: 'New role' })
  await expect(create.getByRole('checkbox', { name: /^Delete the organization/ })).toHaveCount(0)
  await create.getByLabel('Name', { exact: true }).fill('Auditor')
  await create.getByRole('checkbox', { name: /^See pending invitations/ }).check()
  await create.getByRole('checkbox', { name: /^Read the organization's audit log/ }).check()
  await create.getByRole('button', { name: 'Create role' }).click()
  await expect(create).toBeHidden()
  await expect(page.getByText('Role created')).toBeVisible()
  const auditor = roleCard('Auditor')
  await expect(auditor).not.toContainText('Built-in')
  await expect(auditor.getByRole('listitem')).toHaveText([
    'See pending invitations',
    "Read the organization's audit log",
  ])

  await page.getByRole('button', { name: 'Edit Auditor' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit Auditor' })
  await expect(edit.getByLabel('Name', { exact: true })).toHaveValue('Auditor')
  await expect(edit.getByRole('checkbox', { name: /^See pending invitations/ })).toBeChecked()
  await expect(edit.getByRole('checkbox', { name: /^See the members/ })).not.toBeChecked()
  await edit.getByLabel('Name', { exact: true }).fill('Reviewer')
  await edit.getByRole('checkbox', { name: /^Read the organization's audit log/ }).uncheck()
  await edit.getByRole('checkbox', { name: /^See the members/ }).check()
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit).toBeHidden()
  await expect(page.getByText('Role saved')).toBeVisible()
  await expect(roleCard('Auditor')).toHaveCount(0)
  await expect(roleCard('Reviewer').getByRole('listitem')).toHaveText([
    'See the members',
    'See pending invitations',
  ])

  await page.reload()
  await expect(roleCard('Reviewer').getByRole('listitem')).toHaveText([
    'See the members',
    'See pending invitations',
  ])
  await page.getByRole('button', { name: 'Delete Reviewer' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Delete role?' })
  await expect(confirm).toContainText('"Reviewer" goes')
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('Role deleted')).toBeVisible()
  await expect(roleCard('Reviewer')).toHaveCount(0)
  await expect(roles.getByRole('heading')).toHaveCount(4)
})

test('revoking the only invitation of the last page goes back to the page before, not to the empty state', async ({
  page,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  // One more than a page (ten rows): newest first, the oldest is alone on page 2.
  const oldest = uniqueEmail('oldest')
  const newest = uniqueEmail('newest')
  const between = Array.from({ length: 9 }, (_, index) => uniqueEmail(`invitee${index}`))
  const emails = [oldest, ...between, newest]
  await addInvitations(request, { owner, orgId: organization.id, emails, role: 'viewer' })
  await logIn(page, owner)
  await openOrganization(page, organization.name, 'invitations')
  const pending = page.getByRole('list', { name: 'Pending invitations' })
  const pagination = page.getByRole('navigation', { name: 'Pagination' })
  await expect(pending.getByRole('listitem')).toHaveCount(10)
  await pagination.getByRole('button', { name: 'Next' }).click()
  await expect(pagination).toContainText('Page 2 of 2')
  await expect(pending.getByRole('listitem')).toHaveCount(1)
  await expect(pending).toContainText(oldest)

  await page.getByRole('button', { name: `Revoke the invitation to ${oldest}` }).click()
  await page
    .getByRole('alertdialog', { name: 'Revoke invitation?' })
    .getByRole('button', { name: 'Revoke' })
    .click()
  await expect(page.getByText('Invitation revoked')).toBeVisible()
  await expect(pending.getByRole('listitem')).toHaveCount(10)
  await expect(pending).toContainText(newest)
  await expect(pending).not.toContainText(oldest)
  await expect(pagination).toBeHidden()
  await expect(page.getByText('No pending invitations.')).toBeHidden()
})
