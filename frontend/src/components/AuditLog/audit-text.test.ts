import { describe, expect, it } from 'vitest'
import type { AuditLogPublic } from '@/client/types.gen'
import { actorText, changeText } from './audit-text'

describe('changes', () => {
  it('shows a changed name as old → new', () => {
    const change = { field: 'full_name', old: 'Ann', new: 'Anne', secret: false } as const
    expect(changeText(change)).toBe('Full name: Ann → Anne')
  })

  it('shows flags as yes and no and a missing value as none', () => {
    expect(changeText({ field: 'is_superuser', old: false, new: true, secret: false })).toBe(
      'Superuser: no → yes',
    )
    expect(changeText({ field: 'full_name', old: null, new: 'Ann', secret: false })).toBe(
      'Full name: none → Ann',
    )
  })

  it('only says that a secret changed', () => {
    expect(changeText({ field: 'password', old: null, new: null, secret: true })).toBe(
      'Password: changed',
    )
  })
})

describe('the actor', () => {
  const entry = (fields: Partial<AuditLogPublic>): AuditLogPublic => ({
    id: '1',
    created_at: '2026-01-01T00:00:00Z',
    action: 'login',
    actor_id: null,
    actor_email: null,
    target_user_id: null,
    target_email: null,
    // #region capability: organizations
    organization_id: null,
    // #endregion capability: organizations
    ip_address: null,
    detail: null,
    changes: [],
    ...fields,
  })

  it('is the address recorded, even when the user is gone', () => {
    expect(actorText(entry({ actor_email: 'ann@example.com' }))).toBe('ann@example.com')
  })

  it('is an unknown address for a failed sign-in to no account, else the system', () => {
    expect(actorText(entry({ action: 'login_failed' }))).toBe('Unknown address')
    expect(actorText(entry({ action: 'refresh_token_reused' }))).toBe('System')
  })
})
