import {
  AtSign,
  KeyRound,
  LogIn,
  LogOut,
  type LucideIcon,
  RotateCcwKey,
  ShieldBan,
  ShieldX,
  UserPen,
  UserPlus,
  UserRoundPlus,
  UserX,
} from 'lucide-react'
import type { AuditChange, AuditLogPublic } from '@/client/types.gen'

/** What the audit log records, as the API's schema enumerates it. */
export type AuditAction = AuditLogPublic['action']
export type AuditField = AuditChange['field']

type ActionText = { label: string; icon: LucideIcon }

// Keyed by the schema's enumeration: when the API records a new action, the
// regenerated client makes this object incomplete and the type check fails.
const ACTIONS = {
  signup: { label: 'Signed up', icon: UserRoundPlus },
  login: { label: 'Signed in', icon: LogIn },
  login_failed: { label: 'Sign-in failed', icon: ShieldX },
  logout: { label: 'Signed out', icon: LogOut },
  refresh_token_reused: { label: 'Session ended: token reused', icon: ShieldBan },
  password_changed: { label: 'Password changed', icon: KeyRound },
  password_reset: { label: 'Password reset', icon: RotateCcwKey },
  email_changed: { label: 'Email changed', icon: AtSign },
  user_created: { label: 'User created', icon: UserPlus },
  user_updated: { label: 'User updated', icon: UserPen },
  user_deleted: { label: 'User deleted', icon: UserX },
} as const satisfies Record<AuditAction, ActionText>

const FIELDS = {
  email: 'Email',
  full_name: 'Full name',
  password: 'Password',
  is_active: 'Active',
  is_superuser: 'Superuser',
  is_verified: 'Verified',
} as const satisfies Record<AuditField, string>

/** Every action, in the order the filter offers them. */
export const AUDIT_ACTIONS = Object.keys(ACTIONS) as AuditAction[]

export function actionText(action: AuditAction): ActionText {
  return ACTIONS[action]
}

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
