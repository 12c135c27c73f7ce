import { admin, createUser, uniqueEmail } from './support/api'
import { expectAccessible } from './support/axe'
import {
  addInvitation,
  addMember,
  createOrganization,
  // #region capability: items
  createOrganizationItem,
  // #endregion capability: items
  invitationLink,
  switchOrganization,
  verificationLink,
} from './support/organizations'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

test('the switcher creates an organization, switches to it and remembers the choice', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 409 .*\/orgs\/$/) // the taken address, on purpose
  const user = await createUser(request)
  const taken = await createOrganization(request, await createUser(request))
  await logIn(page, user)
  const switcher = page.getByRole('button', { name: /^Organization: / })
  await expect(switcher).toContainText('Owner')

  await switcher.click()
  await page.getByRole('menuitem', { name: 'Create organization' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create organization' })
  await dialog.getByLabel('Name').fill('Café Zürich Club')
  await expect(dialog.getByLabel('Address')).toHaveValue('cafe-zurich-club')
  await expectAccessible(page, 'create organization dialog')
  await dialog.getByLabel('Address').fill(taken.slug)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog.getByText('This address is taken by another organization')).toBeVisible()
  const slug = `club-${uniqueEmail('').slice(1, 9)}`
  await dialog.getByLabel('Address').fill(slug)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toBeHidden()
  await expect(switcher).toHaveAccessibleName('Organization: Café Zürich Club')

  await page.getByRole('link', { name: 'Dashboard', exact: true }).click()
  await expect(page.getByText('Here is how Café Zürich Club is doing.')).toBeVisible()
  await page.reload()
  await expect(page.getByText('Here is how Café Zürich Club is doing.')).toBeVisible()

  await switcher.click()
  const choices = page.getByRole('menuitemradio')
  await expect(choices).toHaveCount(2)
  await expect(page.getByRole('menuitemradio', { name: /Café Zürich Club/ })).toBeChecked()
  await page.getByRole('menuitemradio', { name: /Personal/ }).click()
  await expect(page.getByText('Here is how Café Zürich Club is doing.')).toBeHidden()
})

test('an invited new user accepts through the emailed link and sees the organization with the invited role', async ({
  page,
  browser,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  // #region capability: items
  await createOrganizationItem(request, owner, organization.id, 'Shared plan')
  // #endregion capability: items
  await logIn(page, owner)
  await page.goto('/organization?tab=invitations')
  await switchOrganization(page, organization.name)

  const email = uniqueEmail('invitee')
  await page.getByRole('button', { name: 'Invite' }).click()
  const dialog = page.getByRole('dialog', { name: 'Invite someone' })
  await dialog.getByLabel('Email').fill(email)
  await dialog.getByLabel('Role').selectOption({ label: 'Viewer' })
  await dialog.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible()
  await expect(page.getByRole('list', { name: 'Pending invitations' })).toContainText(email)

  const link = await invitationLink(request, email)
  const invitee = await createUser(request, { email })
  const context = await browser.newContext()
  const theirs = await context.newPage()
  await theirs.goto(link)
  await expect(theirs.getByText(`to join ${organization.name} as Viewer`)).toBeVisible()
  await theirs.getByRole('link', { name: 'Log in to accept' }).click()
  await theirs.getByLabel('Email').fill(invitee.email)
  await theirs.getByLabel('Password', { exact: true }).fill(invitee.password)
  await theirs.getByRole('button', { name: 'Log in' }).click()
  await theirs.getByRole('button', { name: `Join ${organization.name}` }).click()

  await expect(theirs.getByText(`Here is how ${organization.name} is doing.`)).toBeVisible()
  await expect(theirs.getByRole('button', { name: /^Organization: / })).toContainText('Viewer')
  // #region capability: items
  await theirs.getByRole('link', { name: 'Items', exact: true }).click()
  await expect(theirs.getByRole('cell', { name: 'Shared plan', exact: true })).toBeVisible()
  await expect(theirs.getByRole('button', { name: 'Add item' })).toBeHidden()
  // #endregion capability: items
  await context.close()
})

test('a person invited without an account signs up from the link, confirms, and joins in one click', async ({
  page,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  // #region capability: items
  await createOrganizationItem(request, owner, organization.id, 'Onboarding plan')
  // #endregion capability: items
  const email = uniqueEmail('newcomer')
  await addInvitation(request, { owner, orgId: organization.id, email, role: 'viewer' })
  const link = await invitationLink(request, email)

  await page.goto(link)
  await page.getByRole('link', { name: 'Create an account' }).click()
  await expect(page.getByLabel('Email')).toHaveValue(email)
  await page.getByLabel('Password', { exact: true }).fill('newcomer-Passw0rd!')
  await page.getByLabel('Confirm password').fill('newcomer-Passw0rd!')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByText(`We sent an email to ${email}`)).toBeVisible()

  await page.goto(await verificationLink(request, email))
  await expect(page.getByText('Your email address is confirmed.')).toBeVisible()
  await page.getByRole('link', { name: 'Log in to continue' }).click()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill('newcomer-Passw0rd!')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/invitations\/accept\?token=/)
  await page.getByRole('button', { name: `Join ${organization.name}` }).click()

  await expect(page.getByText(`Here is how ${organization.name} is doing.`)).toBeVisible()
  await expect(page.getByRole('button', { name: /^Organization: / })).toContainText('Viewer')
  // #region capability: items
  await page.getByRole('link', { name: 'Items', exact: true }).click()
  await expect(page.getByRole('cell', { name: 'Onboarding plan', exact: true })).toBeVisible()
  // #endregion capability: items
})

test("a role change counts on the other member's next request", async ({
  page,
  browser,
  request,
}) => {
  const owner = await createUser(request)
  const member = await createUser(request, { fullName: 'Vera Viewer' })
  const organization = await createOrganization(request, owner)
  await addMember(request, { owner, orgId: organization.id, member, role: 'viewer' })

  const context = await browser.newContext()
  const theirs = await context.newPage()
  await logIn(theirs, member)
  await switchOrganization(theirs, organization.name)
  await theirs.goto('/organization')
  await expect(theirs.getByLabel('Name')).toBeDisabled()
  await expect(theirs.getByRole('tab', { name: 'Invitations' })).toBeHidden()

  await logIn(page, owner)
  await switchOrganization(page, organization.name)
  await page.goto('/organization?tab=members')
  await page.getByRole('combobox', { name: 'Role of Vera Viewer' }).selectOption({ label: 'Admin' })
  await expect(page.getByText('Vera Viewer is now Admin')).toBeVisible()

  await theirs.reload()
  await expect(theirs.getByRole('tab', { name: 'Invitations' })).toBeVisible()
  await context.close()
})

test('the overview counts the members, the last Owner is told why they cannot leave, and a Viewer sees settings read-only', async ({
  page,
  browser,
  request,
}) => {
  const owner = await createUser(request)
  const viewer = await createUser(request)
  const organization = await createOrganization(request, owner)
  await addMember(request, { owner, orgId: organization.id, member: viewer, role: 'viewer' })

  await logIn(page, owner)
  await switchOrganization(page, organization.name)
  await expect(page.getByText(`Here is how ${organization.name} is doing.`)).toBeVisible()
  await expect(page.getByRole('link', { name: '2 members' })).toBeVisible()
  await expect(
    page.getByRole('img', { name: /^Events per day: \d+ events? in the last 30 days/ }),
  ).toBeVisible()
  await page.goto('/organization?tab=members')
  await expect(page.getByRole('button', { name: `Leave ${organization.name}` })).toBeDisabled()
  await expect(page.getByText('You are its last Owner, so you cannot leave')).toBeVisible()

  const context = await browser.newContext()
  const theirs = await context.newPage()
  await logIn(theirs, viewer)
  await switchOrganization(theirs, organization.name)
  await theirs.goto('/organization')
  await expect(theirs.getByLabel('Name')).toBeDisabled()
  await expect(theirs.getByText('As Viewer, you can see these but not change them.')).toBeVisible()
  await expect(theirs.getByText('Only an Owner can delete the organization.')).toBeVisible()
  await expect(theirs.getByRole('tab', { name: 'Invitations' })).toBeHidden()
  await context.close()
})

test('deleting an account names the organizations that go with it, and is refused while it is the only Owner of a team', async ({
  page,
  browser,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 409 .*\/users\/[0-9a-f-]+$/) // the refusal, on purpose
  const owner = await createUser(request)
  const team = await createOrganization(request, owner)
  const solo = await createOrganization(request, owner)
  await addMember(request, {
    owner,
    orgId: team.id,
    member: await createUser(request),
    role: 'member',
  })

  await logIn(page, owner)
  await page.goto('/settings?tab=danger')
  await page.getByRole('button', { name: 'Delete my account' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog.getByRole('alert')).toContainText(
    `You are the only Owner of ${team.name}, where others are members.`,
  )
  await expect(dialog).toContainText('Deleted with everything in them: ')
  await expect(dialog).toContainText(solo.name)
  await dialog.getByLabel('Your password').fill(owner.password)
  await expect(dialog.getByRole('button', { name: 'Delete my account for good' })).toBeDisabled()

  // A superuser is told the same, and refused.
  const context = await browser.newContext()
  const theirs = await context.newPage()
  await logIn(theirs, admin)
  await theirs.goto('/admin')
  await theirs.getByRole('button', { name: `Delete ${owner.email}` }).click()
  const adminDialog = theirs.getByRole('alertdialog')
  await expect(adminDialog.getByRole('alert')).toContainText(
    `${owner.email} is the only Owner of ${team.name}`,
  )
  await adminDialog.getByRole('button', { name: 'Delete' }).click()
  await expect(theirs.getByText(`This account is the only Owner of “${team.name}”`)).toBeVisible()
  await context.close()
})

test("the organization's audit log filters by user and action, and names only its own people", async ({
  page,
  request,
}) => {
  const owner = await createUser(request)
  const organization = await createOrganization(request, owner)
  const [first, second] = [await createUser(request), await createUser(request)]
  await addMember(request, { owner, orgId: organization.id, member: first, role: 'viewer' })
  await addMember(request, { owner, orgId: organization.id, member: second, role: 'member' })
  const stranger = await createUser(request)
  const elsewhere = await createOrganization(request, stranger)
  const theirs = await createUser(request)
  await addMember(request, { owner: stranger, orgId: elsewhere.id, member: theirs, role: 'viewer' })

  await logIn(page, owner)
  await switchOrganization(page, organization.name)
  await page.goto('/organization?tab=activity')
  const user = page.getByLabel('User', { exact: true })
  await expect(user.getByRole('option', { name: first.email })).toHaveCount(1)
  for (const other of [stranger, theirs]) {
    await expect(user.getByRole('option', { name: other.email })).toHaveCount(0)
  }

  await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Member joined' })
  await expect(page).toHaveURL(/action=member_joined/)
  const joined = page.getByRole('row', { name: /Member joined/ })
  await expect(joined).toHaveCount(2)
  await user.selectOption(first.email)
  await expect(joined).toHaveCount(1)
  await expect(joined).toContainText(first.email)
  await expect(page.getByText(elsewhere.name)).toHaveCount(0)

  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByLabel('Action', { exact: true })).toHaveValue('')
  await expect(page.getByRole('row', { name: /Invitation sent/ })).toHaveCount(2)
})
