import { describe, expect, it } from 'vitest'
import generatedTypes from '@/client/types.gen.ts?raw'
import { actionIcon } from './AuditEntryParts'
import { AUDIT_ACTIONS, actionLabel } from './audit-actions'

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
    const label = actionLabel(action)
    expect(label).toMatch(/^[A-Z][a-z]/)
    expect(label).not.toContain('_')
    expect(label.toLowerCase()).not.toBe(action)
    expect(actionIcon(action)).toBeTruthy()
  })

  it('gives every action a label of its own', () => {
    const labels = AUDIT_ACTIONS.map(actionLabel)
    expect(new Set(labels).size).toBe(AUDIT_ACTIONS.length)
  })
})
