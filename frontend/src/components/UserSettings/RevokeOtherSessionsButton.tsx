import { toast } from 'sonner'
import type { SessionPublic } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'
import { describeDevice } from '@/lib/user-agent'
import { useRevokeOtherSessions } from '@/queries/sessions'
import { ConfirmSessionsDialog } from './ConfirmSessionsDialog'

const sessionCount = (count: number) =>
  count === 1 ? '1 other session' : `${count} other sessions`

export function RevokeOtherSessionsButton({ others }: { others: SessionPublic[] }) {
  const revokeOthers = useRevokeOtherSessions()
  const devices = [...new Set(others.map((session) => describeDevice(session.user_agent)))]
  return (
    <ConfirmSessionsDialog
      trigger={
        <Button variant="outline" disabled={others.length === 0 || revokeOthers.isPending}>
          Log out everywhere else
        </Button>
      }
      title="Log out everywhere else?"
      description={`This ends ${sessionCount(others.length)} (${devices.join(', ')}). You stay logged in on this device; ${others.length === 1 ? 'that one has' : 'those have'} to log in again.`}
      confirmLabel={`End ${sessionCount(others.length)}`}
      pending={revokeOthers.isPending}
      onConfirm={(close) =>
        revokeOthers.mutateAsync(undefined).then(
          () => {
            toast.success('Logged out of every other session')
            close()
          },
          (error: unknown) => toast.error(errorMessage(error)),
        )
      }
    />
  )
}
