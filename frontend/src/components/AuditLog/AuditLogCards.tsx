import type { ReactNode } from 'react'
import type { AuditLogPublic } from '@/client/types.gen'
import { formatDateTime } from '@/lib/format'
import { AuditActionLabel, AuditChanges } from './AuditEntryParts'
import { actionLabel } from './audit-actions'
import { actorText } from './audit-text'

/** The entries on a phone: one card each, every field stacked under its name. */
export function AuditLogCards({ entries }: { entries: AuditLogPublic[] }) {
  return (
    <ul aria-label="Audit log entries" className="grid gap-3 md:hidden">
      {entries.map((entry) => (
        <li
          key={entry.id}
          aria-label={`${actionLabel(entry.action)}, ${formatDateTime(entry.created_at)}`}
          className="rounded-md border p-4 text-sm"
        >
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <span className="font-medium">
              <AuditActionLabel action={entry.action} />
            </span>
            <span className="text-muted-foreground">{formatDateTime(entry.created_at)}</span>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5">
            <Field name="By">{actorText(entry)}</Field>
            <Field name="User">{entry.target_email ?? '—'}</Field>
            <Field name="IP address">{entry.ip_address ?? '—'}</Field>
            <Field name="Changes">
              <AuditChanges entry={entry} />
            </Field>
          </dl>
        </li>
      ))}
    </ul>
  )
}

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{name}</dt>
      <dd className="min-w-0 wrap-anywhere">{children}</dd>
    </>
  )
}
