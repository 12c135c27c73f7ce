import type { AuditLogPublic } from '@/client/types.gen'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table'
import { formatDateTime } from '@/lib/format'

export function AuditLogTable({ entries }: { entries: AuditLogPublic[] }) {
  if (entries.length === 0) {
    return (
      <p className="rounded-md border border-dashed p-10 text-center text-muted-foreground">
        No events recorded yet.
      </p>
    )
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Action</TableHead>
          <TableHead className="hidden sm:table-cell">By</TableHead>
          <TableHead className="hidden md:table-cell">IP address</TableHead>
          <TableHead className="hidden lg:table-cell">Detail</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell className="whitespace-nowrap">{formatDateTime(entry.created_at)}</TableCell>
            <TableCell className="font-mono text-xs">{entry.action}</TableCell>
            <TableCell className="hidden sm:table-cell">{entry.actor_email ?? 'System'}</TableCell>
            <TableCell className="hidden md:table-cell">{entry.ip_address ?? '—'}</TableCell>
            <TableCell className="hidden max-w-xs truncate lg:table-cell">
              {entry.detail ?? '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
