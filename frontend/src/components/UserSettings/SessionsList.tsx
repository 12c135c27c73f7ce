import { useSuspenseQuery } from '@tanstack/react-query'
import { toast } from 'sonner'
import type { SessionPublic } from '@/client/types.gen'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { describeDevice } from '@/lib/user-agent'
import { sessionsQuery, useRevokeOtherSessions, useRevokeSession } from '@/queries/sessions'

export function SessionsList() {
  const { data } = useSuspenseQuery(sessionsQuery())
  const revokeOthers = useRevokeOtherSessions()
  const hasOthers = data.data.some((session) => !session.current)
  const onRevokeOthers = () =>
    revokeOthers.mutate(undefined, {
      onSuccess: () => toast.success('Logged out of every other session'),
      onError: (error) => toast.error(errorMessage(error)),
    })

  return (
    <div className="grid gap-4">
      <ul className="grid gap-2">
        {data.data.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </ul>
      <div>
        <Button
          variant="outline"
          onClick={onRevokeOthers}
          disabled={!hasOthers || revokeOthers.isPending}
        >
          Log out everywhere else
        </Button>
      </div>
    </div>
  )
}

function SessionRow({ session }: { session: SessionPublic }) {
  const revoke = useRevokeSession()
  const device = describeDevice(session.user_agent)
  const onRevoke = () =>
    revoke.mutate(session.id, {
      onSuccess: () => toast.success('Session revoked'),
      onError: (error) => toast.error(errorMessage(error)),
    })
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3">
      <div>
        <p className="font-medium">
          {device}
          {session.current ? (
            <Badge variant="secondary" className="ml-2">
              This device
            </Badge>
          ) : null}
        </p>
        <p className="text-sm text-muted-foreground">
          {session.ip_address ?? 'Unknown address'} · last used{' '}
          {formatDateTime(session.last_used_at)}
        </p>
      </div>
      {session.current ? null : (
        <Button
          variant="outline"
          size="sm"
          onClick={onRevoke}
          disabled={revoke.isPending}
          aria-label={`Revoke session on ${device}`}
        >
          Revoke
        </Button>
      )}
    </li>
  )
}
