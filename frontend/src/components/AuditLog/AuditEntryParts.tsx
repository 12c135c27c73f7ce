import type { AuditLogPublic } from '@/client/types.gen'
import { type AuditAction, actionText, changeText } from './audit-text'

/** The action in words with its icon; the recorded code is in the tooltip. */
export function AuditActionLabel({ action }: { action: AuditAction }) {
  const { label, icon: Icon } = actionText(action)
  return (
    <span className="inline-flex items-center gap-1.5" title={action}>
      <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      {label}
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
