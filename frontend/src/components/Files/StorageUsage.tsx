import type { StorageUsage as Usage } from '@/client/types.gen'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { formatBytes } from '@/lib/bytes'

/** Settings → Profile: what one's attachments take of one's quota. */
export function StorageUsage({ usage }: { usage: Usage }) {
  const percent = Math.min(100, Math.round((usage.used_bytes / usage.quota_bytes) * 100))
  return (
    <Card>
      <CardTitle>Storage</CardTitle>
      <CardDescription>
        Your attachments take {formatBytes(usage.used_bytes)} of your{' '}
        {formatBytes(usage.quota_bytes)}.
      </CardDescription>
      <progress
        className="mt-4 h-2 w-full accent-primary"
        max={100}
        value={percent}
        aria-label="Storage used"
      >
        {percent}%
      </progress>
    </Card>
  )
}
