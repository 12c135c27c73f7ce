import { randomUUID } from 'node:crypto'
import { type APIRequestContext, expect } from '@playwright/test'
import { admin, apiUrl } from './env'

export type TestUser = { email: string; password: string; fullName: string }

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`
}

/** A fresh, verified account made through the API, so each test owns its data. */
export async function createUser(
  request: APIRequestContext,
  overrides: Partial<TestUser> = {},
  server = apiUrl,
): Promise<TestUser> {
  const user = {
    email: uniqueEmail(),
    password: 'Corr3ct-Horse-Battery',
    fullName: 'Test Person',
    ...overrides,
  }
  const response = await request.post(`${server}/api/v1/private/users/`, {
    data: {
      email: user.email,
      password: user.password,
      full_name: user.fullName,
      is_verified: true,
    },
  })
  expect(response.status(), await response.text()).toBe(200)
  return user
}

/** As if the user had logged in more than the re-authentication window ago. */
export async function ageProofs(
  request: APIRequestContext,
  user: TestUser,
  server = apiUrl,
): Promise<void> {
  const response = await request.post(`${server}/api/v1/private/users/stale-proofs`, {
    params: { email: user.email },
  })
  expect(response.ok(), await response.text()).toBe(true)
}

/** As if the user had signed up some other way than with a password; their sessions go on. */
export async function removePassword(request: APIRequestContext, user: TestUser): Promise<void> {
  const response = await request.delete(`${apiUrl}/api/v1/private/users/password`, {
    params: { email: user.email },
  })
  expect(response.ok(), await response.text()).toBe(true)
}

export async function accessToken(
  request: APIRequestContext,
  credentials: { email: string; password: string },
): Promise<string> {
  const response = await request.post(`${apiUrl}/api/v1/login/access-token`, {
    form: { username: credentials.email, password: credentials.password },
  })
  expect(response.ok(), await response.text()).toBe(true)
  const body: { access_token: string } = await response.json()
  return body.access_token
}

// #region capability: items
export async function createItems(
  request: APIRequestContext,
  user: { email: string; password: string },
  items: (string | { title: string; description?: string })[],
): Promise<void> {
  const token = await accessToken(request, user)
  const organizationId = await personalOrganizationId(request, token)
  for (const item of items) {
    const response = await request.post(`${apiUrl}/api/v1/orgs/${organizationId}/items/`, {
      headers: { Authorization: `Bearer ${token}` },
      data: typeof item === 'string' ? { title: item } : item,
    })
    expect(response.ok()).toBe(true)
  }
}

/** The id of the personal organization of the user whose token this is: where their items go. */
export async function personalOrganizationId(
  request: APIRequestContext,
  token: string,
): Promise<string> {
  const response = await request.get(`${apiUrl}/api/v1/orgs/`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(response.ok(), await response.text()).toBe(true)
  const body: { data: { id: string; personal: boolean }[] } = await response.json()
  const personal = body.data.find((organization) => organization.personal)
  expect(personal).toBeDefined()
  return personal?.id ?? ''
}
// #endregion capability: items

/** Log out every other session of this user, as if they did it from another device. */
export async function revokeOtherSessions(
  request: APIRequestContext,
  user: { email: string; password: string },
): Promise<void> {
  const token = await accessToken(request, user)
  const response = await request.delete(`${apiUrl}/api/v1/users/me/sessions`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(response.ok()).toBe(true)
}

export { admin }
