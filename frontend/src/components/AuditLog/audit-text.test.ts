import { describe, expect, it } from 'vitest'
import type { AuditLogPublic } from '@/client/types.gen'
import generatedTypes from '@/client/types.gen.ts?raw'
import { AUDIT_ACTIONS, actionText, actorText, changeText } from './audit-text'

/** The actions the API's schema enumerates, read from the generated client's source. */
function schemaActions(): string[] {
  const entry = /export type AuditLogPublic = \{([\s\S]*?)\n\}/.exec(generatedTypes)?.[1] ?? ''
  const union = /\baction:((?:\s*\|?\s*'[a-z_]+')+)/.exec(entry)?.[1] ?? ''
  return [...union.matchAll(/'([a-z_]+)'/g)].map((match) => match[1] ?? '')
}

describe('action labels', () => {
  it('cover exactly the actions the API can record', () => {
    const actions = schemaActions()
    expect(actions).toContain('email_changed')
    expect([...AUDIT_ACTIONS].sort()).toEqual(actions.sort())
  })

  it.each(AUDIT_ACTIONS)('%s reads as words with an icon, not as its code', (action) => {
    const { label, icon } = actionText(action)
    expect(label).toMatch(/^[A-Z][a-z]/)
    expect(label).not.toContain('_')
    expect(label.toLowerCase()).not.toBe(action)
    expect(icon).toBeTruthy()
  })

  it('gives every action a label of its own', () => {
    const labels = AUDIT_ACTIONS.map((action) => actionText(action).label)
    expect(new Set(labels).size).toBe(AUDIT_ACTIONS.length)
  })
})

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
