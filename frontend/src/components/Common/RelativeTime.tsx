import { formatDateTime, formatRelative } from '@/lib/format'

/** A moment as "5 minutes ago", the exact date and time in its tooltip; a dash when unset. */
export function RelativeTime({ iso }: { iso: string | null }) {
  if (!iso) return <span>—</span>
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className="whitespace-nowrap">
      {formatRelative(iso)}
    </time>
  )
}
