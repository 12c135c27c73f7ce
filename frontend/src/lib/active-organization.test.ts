import { beforeEach, describe, expect, it } from 'vitest'
import type { OrganizationPublic } from '@/client/types.gen'
import { pickActiveOrganization, rememberOrganization } from './active-organization'

function organization(id: string, personal = false): OrganizationPublic {
  return {
    id,
    name: id,
    slug: id,
    personal,
    created_at: '2026-01-01T00:00:00Z',
    role: 'owner',
    role_name: 'Owner',
    permissions: ['organization:read'],
  }
}

describe('the active organization', () => {
  beforeEach(() => window.localStorage.clear())

  it('is the personal one until another is chosen', () => {
    const list = [organization('personal', true), organization('acme')]
    expect(pickActiveOrganization(list)?.id).toBe('personal')
  })

  it('is the one remembered in this browser', () => {
    rememberOrganization('acme')
    const list = [organization('personal', true), organization('acme')]
    expect(pickActiveOrganization(list)?.id).toBe('acme')
  })

  it('falls back to the personal one once one no longer belongs to the remembered one', () => {
    rememberOrganization('left-it')
    const list = [organization('acme'), organization('personal', true)]
    expect(pickActiveOrganization(list)?.id).toBe('personal')
  })
})
