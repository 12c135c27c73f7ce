import type { AuditLogPublic } from '@/client/types.gen'

/** What the audit log records, as the API's schema enumerates it. */
export type AuditAction = AuditLogPublic['action']

// Keyed by the schema's enumeration: when the API records a new action, the
// regenerated client makes this object (and the icons' in AuditEntryParts)
// incomplete and the type check fails. Labels only: the route's search
// validation reads this module, so it ships with the entry bundle.
const ACTIONS = {
  signup: 'Signed up',
  login: 'Signed in',
  login_failed: 'Sign-in failed',
  logout: 'Signed out',
  refresh_token_reused: 'Session ended: token reused',
  password_changed: 'Password changed',
  password_reset: 'Password reset',
  email_changed: 'Email changed',
  user_created: 'User created',
  user_updated: 'User updated',
  user_deleted: 'User deleted',
  reauthenticated: 'Identity confirmed',
  reauthentication_failed: 'Identity check failed',
  // #region capability: two_factor
  two_factor_enabled: 'Two-factor turned on',
  two_factor_disabled: 'Two-factor turned off',
  two_factor_reset: 'Two-factor reset',
  two_factor_failed: 'Two-factor code refused',
  recovery_codes_regenerated: 'New recovery codes',
  // #endregion capability: two_factor
  // #region capability: oauth
  account_connected: 'Account connected',
  account_disconnected: 'Account disconnected',
  // #endregion capability: oauth
  // #region capability: passkeys
  passkey_added: 'Passkey added',
  passkey_removed: 'Passkey removed',
  // #endregion capability: passkeys
  // #region capability: organizations
  organization_created: 'Organization created',
  organization_updated: 'Organization renamed',
  organization_deleted: 'Organization deleted',
  member_joined: 'Member joined',
  member_role_changed: 'Member role changed',
  member_removed: 'Member removed',
  member_left: 'Member left',
  ownership_transferred: 'Ownership handed over',
  role_created: 'Role created',
  role_updated: 'Role changed',
  role_deleted: 'Role deleted',
  invitation_created: 'Invitation sent',
  invitation_resent: 'Invitation sent again',
  invitation_revoked: 'Invitation revoked',
  // #endregion capability: organizations
  database_edited: 'Edited in the database panel',
} as const satisfies Record<AuditAction, string>

/** Every action, in the order the filter offers them. */
export const AUDIT_ACTIONS = Object.keys(ACTIONS) as AuditAction[]

export function actionLabel(action: AuditAction): string {
  return ACTIONS[action]
}
