import type { AuditChange, AuditLogPublic } from '@/client/types.gen'

type AuditField = AuditChange['field']

const FIELDS = {
  email: 'Email',
  full_name: 'Full name',
  password: 'Password',
  is_active: 'Active',
  is_superuser: 'Superuser',
  is_verified: 'Verified',
  // #region capability: organizations
  name: 'Name',
  slug: 'Address',
  role: 'Role',
  permissions: 'Permissions',
  // #endregion capability: organizations
} as const satisfies Record<AuditField, string>

function valueText(value: AuditChange['old']): string {
  if (value === null || value === '') return 'none'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return value
}

/** "Full name: Ann → Anne"; a secret is only said to have changed. */
export function changeText(change: AuditChange): string {
  const field = FIELDS[change.field]
  if (change.secret) return `${field}: changed`
  return `${field}: ${valueText(change.old)} → ${valueText(change.new)}`
}

/** Who did it, in words, when no address is known. */
export function actorText(entry: AuditLogPublic): string {
  if (entry.actor_email) return entry.actor_email
  return entry.action === 'login_failed' ? 'Unknown address' : 'System'
}
