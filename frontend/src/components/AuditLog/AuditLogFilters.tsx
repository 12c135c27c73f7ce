import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { type AuditFilters, hasFilters } from '@/lib/audit-filters'
import { AUDIT_ACTIONS, actionLabel } from './audit-actions'

type AuditLogFiltersProps = {
  filters: AuditFilters
  /** The addresses the log names: the user filter's choices. */
  emails: string[]
  /** One filter changed: the others stay as they are. */
  onChange: (changes: AuditFilters) => void
  onClear: () => void
  /** Why the filters can't be applied, shown under them. */
  problem: string | null
}

const selectClass =
  'h-10 w-full rounded-md border border-input bg-background px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring'

/** The user, action and days the audit log is narrowed to; the URL holds them. */
export function AuditLogFilters({
  filters,
  emails,
  onChange,
  onClear,
  problem,
}: AuditLogFiltersProps) {
  // An address typed into the URL is still shown as the one chosen.
  const choices =
    filters.email && !emails.includes(filters.email) ? [filters.email, ...emails] : emails
  return (
    <search aria-label="Filter the audit log" className="grid gap-2">
      <div className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_2fr_1fr_1fr_auto]">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-user">User</Label>
          <select
            id="audit-user"
            value={filters.email ?? ''}
            onChange={(event) => onChange({ email: event.target.value || undefined })}
            className={selectClass}
          >
            <option value="">All users</option>
            {choices.map((email) => (
              <option key={email} value={email}>
                {email}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <select
            id="audit-action"
            value={filters.action ?? ''}
            onChange={(event) =>
              onChange({ action: AUDIT_ACTIONS.find((action) => action === event.target.value) })
            }
            className={selectClass}
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from">From</Label>
          <Input
            id="audit-from"
            type="date"
            value={filters.from ?? ''}
            max={filters.to}
            aria-invalid={problem !== null}
            onChange={(event) => onChange({ from: event.target.value || undefined })}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to">To</Label>
          <Input
            id="audit-to"
            type="date"
            value={filters.to ?? ''}
            min={filters.from}
            aria-invalid={problem !== null}
            aria-describedby={problem ? 'audit-range-problem' : undefined}
            onChange={(event) => onChange({ to: event.target.value || undefined })}
          />
        </div>
        <Button variant="outline" disabled={!hasFilters(filters)} onClick={onClear}>
          Clear filters
        </Button>
      </div>
      {problem ? (
        <p id="audit-range-problem" role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
    </search>
  )
}
