import {
  AtSign,
  // #region capability: organizations
  Building2,
  Crown,
  // #endregion capability: organizations
  DatabaseZap,
  // #region capability: organizations
  DoorOpen,
  // #endregion capability: organizations
  KeyRound,
  // #region capability: oauth
  Link2,
  // #endregion capability: oauth
  // #region capability: two_factor
  ListRestart,
  // #endregion capability: two_factor
  LogIn,
  LogOut,
  type LucideIcon,
  // #region capability: organizations
  MailPlus,
  MailX,
  PencilLine,
  // #endregion capability: organizations
  RotateCcwKey,
  // #region capability: organizations
  Send,
  Shield,
  // #endregion capability: organizations
  ShieldAlert,
  ShieldBan,
  ShieldCheck,
  // #region capability: organizations
  ShieldMinus,
  // #endregion capability: organizations
  // #region capability: two_factor
  ShieldOff,
  // #endregion capability: two_factor
  // #region capability: organizations
  ShieldPlus,
  // #endregion capability: organizations
  ShieldX,
  // #region capability: two_factor
  Smartphone,
  // #endregion capability: two_factor
  // #region capability: organizations
  Trash2,
  // #endregion capability: organizations
  // #region capability: oauth
  Unlink,
  // #endregion capability: oauth
  // #region capability: organizations
  UserCheck,
  UserCog,
  UserMinus,
  // #endregion capability: organizations
  UserPen,
  UserPlus,
  UserRoundPlus,
  UserX,
} from 'lucide-react'
import type { AuditLogPublic } from '@/client/types.gen'
import { type AuditAction, actionLabel } from './audit-actions'
import { changeText } from './audit-text'

// Keyed by the schema's enumeration, as the labels are.
const ICONS = {
  signup: UserRoundPlus,
  login: LogIn,
  login_failed: ShieldX,
  logout: LogOut,
  refresh_token_reused: ShieldBan,
  password_changed: KeyRound,
  password_reset: RotateCcwKey,
  email_changed: AtSign,
  user_created: UserPlus,
  user_updated: UserPen,
  user_deleted: UserX,
  reauthenticated: ShieldCheck,
  reauthentication_failed: ShieldAlert,
  // #region capability: two_factor
  two_factor_enabled: Smartphone,
  two_factor_disabled: ShieldOff,
  two_factor_reset: ShieldOff,
  two_factor_failed: ShieldX,
  recovery_codes_regenerated: ListRestart,
  // #endregion capability: two_factor
  // #region capability: oauth
  account_connected: Link2,
  account_disconnected: Unlink,
  // #endregion capability: oauth
  // #region capability: passkeys
  passkey_added: KeyRound,
  passkey_removed: KeyRound,
  // #endregion capability: passkeys
  // #region capability: organizations
  organization_created: Building2,
  organization_updated: PencilLine,
  organization_deleted: Trash2,
  member_joined: UserCheck,
  member_role_changed: UserCog,
  member_removed: UserMinus,
  member_left: DoorOpen,
  ownership_transferred: Crown,
  role_created: ShieldPlus,
  role_updated: Shield,
  role_deleted: ShieldMinus,
  invitation_created: MailPlus,
  invitation_resent: Send,
  invitation_revoked: MailX,
  // #endregion capability: organizations
  database_edited: DatabaseZap,
} as const satisfies Record<AuditAction, LucideIcon>

export function actionIcon(action: AuditAction): LucideIcon {
  return ICONS[action]
}

/** The action in words with its icon; the recorded code is in the tooltip. */
export function AuditActionLabel({ action }: { action: AuditAction }) {
  const Icon = actionIcon(action)
  return (
    <span className="inline-flex items-center gap-1.5" title={action}>
      <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      {actionLabel(action)}
    </span>
  )
}

/** What the action changed ("Full name: Ann → Anne"), or an older entry's detail. */
export function AuditChanges({ entry }: { entry: AuditLogPublic }) {
  if (entry.changes.length > 0) {
    return (
      <ul className="grid gap-0.5">
        {entry.changes.map((change) => (
          <li key={change.field} className="wrap-anywhere">
            {changeText(change)}
          </li>
        ))}
      </ul>
    )
  }
  return <span className="wrap-anywhere">{entry.detail ?? '—'}</span>
}
