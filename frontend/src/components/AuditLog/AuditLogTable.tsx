import type { AuditLogPublic } from '@/client/types.gen'
import { EmptyList } from '@/components/Common/EmptyList'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table'
import { formatDateTime } from '@/lib/format'
import { AuditActionLabel, AuditChanges } from './AuditEntryParts'
import { AuditLogCards } from './AuditLogCards'
import { actorText } from './audit-text'

type AuditLogTableProps = {
  entries: AuditLogPublic[]
  /** Whether filters narrow the list: an empty list then says so. */
  filtered: boolean
}

/** Every field of every entry: a table from tablet width up, stacked cards on phones. */
export function AuditLogTable({ entries, filtered }: AuditLogTableProps) {
  if (entries.length === 0) {
    return (
      <EmptyList>
        {filtered ? 'No events match these filters.' : 'No events recorded yet.'}
      </EmptyList>
    )
  }
  return (
    <>
      <AuditLogCards entries={entries} />
      <div className="hidden md:block">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>By</TableHead>
              <TableHead>User</TableHead>
              <TableHead>IP address</TableHead>
              <TableHead>Changes</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.id} className="align-top">
                <TableCell className="whitespace-nowrap">
                  {formatDateTime(entry.created_at)}
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <AuditActionLabel action={entry.action} />
                </TableCell>
                <TableCell className="max-w-56 truncate" title={actorText(entry)}>
                  {actorText(entry)}
                </TableCell>
                <TableCell className="max-w-56 truncate" title={entry.target_email ?? undefined}>
                  {entry.target_email ?? '—'}
                </TableCell>
                <TableCell className="whitespace-nowrap">{entry.ip_address ?? '—'}</TableCell>
                <TableCell>
                  <AuditChanges entry={entry} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  )
}
