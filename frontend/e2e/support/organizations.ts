import { type APIRequestContext, expect, type Page } from '@playwright/test'
import { accessToken, uniqueEmail } from './api'
import { apiUrl, mailUrl } from './env'
import { type CaughtMail, linkTo, waitForMail } from './mail'

type Credentials = { email: string; password: string }

async function call(
  request: APIRequestContext,
  user: Credentials,
  method: 'post' | 'get',
  path: string,
  data?: object,
) {
  const token = await accessToken(request, user)
  const response = await request[method](`${apiUrl}/api/v1${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    data,
  })
  expect(response.ok(), await response.text()).toBe(true)
  return response.json()
}

/** Make `name` the active organization through the switcher in the header. */
export async function switchOrganization(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: /^Organization: / }).click()
  await page.getByRole('menuitemradio', { name: new RegExp(name) }).click()
  await expect(page.getByRole('button', { name: `Organization: ${name}` })).toBeVisible()
}

/** A new organization owned by `owner`, with a unique name and address. */
export async function createOrganization(
  request: APIRequestContext,
  owner: Credentials,
  name = `Team ${uniqueEmail('').slice(1, 9)}`,
): Promise<{ id: string; name: string; slug: string }> {
  return call(request, owner, 'post', '/orgs/', { name })
}

/** The link of the invitation mailed to `email` (the newest one for that address). */
export async function invitationLink(request: APIRequestContext, email: string): Promise<string> {
  return linkTo(await waitForMail(request, email), '/invitations/accept')
}

/** Invite `email` to the organization with `role`. */
export async function addInvitation(
  request: APIRequestContext,
  { owner, orgId, email, role }: { owner: Credentials; orgId: string; email: string; role: string },
): Promise<void> {
  await addInvitations(request, { owner, orgId, emails: [email], role })
}

/** Invite each of `emails` to the organization with `role`, in that order, under one login. */
export async function addInvitations(
  request: APIRequestContext,
  {
    owner,
    orgId,
    emails,
    role,
  }: { owner: Credentials; orgId: string; emails: string[]; role: string },
): Promise<void> {
  const token = await accessToken(request, owner)
  for (const email of emails) {
    const response = await request.post(`${apiUrl}/api/v1/orgs/${orgId}/invitations/`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { email, role },
    })
    expect(response.ok(), await response.text()).toBe(true)
  }
}

/** The confirmation link mailed to `email` after its sign-up, once it has arrived. */
export async function verificationLink(request: APIRequestContext, email: string): Promise<string> {
  let link = ''
  await expect
    .poll(async () => {
      const response = await request.get(`${mailUrl}/api/messages`)
      const mails: CaughtMail[] = await response.json()
      const mail = mails.find(
        (one) => one.recipients.some((to) => to.includes(email)) && one.subject.includes('Confirm'),
      )
      link = mail ? linkTo(mail, '/verify-email') : ''
      return link
    })
    .not.toBe('')
  return link
}

/** Make `member` join the organization with `role`, through an emailed invitation. */
export async function addMember(
  request: APIRequestContext,
  {
    owner,
    orgId,
    member,
    role,
  }: { owner: Credentials; orgId: string; member: Credentials; role: string },
): Promise<void> {
  await call(request, owner, 'post', `/orgs/${orgId}/invitations/`, { email: member.email, role })
  const token = new URL(await invitationLink(request, member.email)).searchParams.get('token')
  await call(request, member, 'post', '/invitations/accept', { token })
}

// #region capability: items
export async function createOrganizationItem(
  request: APIRequestContext,
  user: Credentials,
  orgId: string,
  item: string | { title: string; description?: string },
): Promise<void> {
  await call(
    request,
    user,
    'post',
    `/orgs/${orgId}/items/`,
    typeof item === 'string' ? { title: item } : item,
  )
}
// #endregion capability: items
