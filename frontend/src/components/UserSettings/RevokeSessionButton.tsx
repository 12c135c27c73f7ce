import { toast } from 'sonner'
import type { SessionPublic } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { useRevokeSession } from '@/queries/sessions'
import { ConfirmSessionsDialog } from './ConfirmSessionsDialog'

export function RevokeSessionButton({
  session,
  device,
}: {
  session: SessionPublic
  device: string
}) {
  const revoke = useRevokeSession()
  const where = session.ip_address ? ` from ${session.ip_address}` : ''
  return (
    <ConfirmSessionsDialog
      trigger={
        <Button variant="outline" size="sm" aria-label={`Revoke session on ${device}`}>
          Revoke
        </Button>
      }
      title={`Log out ${device}?`}
      description={`The session on ${device}${where}, last used ${formatDateTime(session.last_used_at)}, ends now. Whoever uses that device has to log in again.`}
      confirmLabel="Log out this device"
      pending={revoke.isPending}
      onConfirm={(close) =>
        revoke.mutateAsync(session.id).then(
          () => {
            toast.success(`Logged out ${device}`)
            close()
          },
          (error: unknown) => toast.error(errorMessage(error)),
        )
      }
    />
  )
}
