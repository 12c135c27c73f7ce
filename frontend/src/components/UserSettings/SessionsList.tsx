import { useSuspenseQuery } from '@tanstack/react-query'
import type { SessionPublic } from '@/client/types.gen'
import { Badge } from '@/components/ui/badge'
import { formatDateTime } from '@/lib/format'
import { describeDevice } from '@/lib/user-agent'
import { sessionsQuery } from '@/queries/sessions'
import { RevokeOtherSessionsButton } from './RevokeOtherSessionsButton'
import { RevokeSessionButton } from './RevokeSessionButton'

export function SessionsList() {
  const { data } = useSuspenseQuery(sessionsQuery())
  const others = data.data.filter((session) => !session.current)

  return (
    <div className="grid gap-4">
      <ul className="grid gap-2">
        {data.data.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </ul>
      <div>
        <RevokeOtherSessionsButton others={others} />
      </div>
    </div>
  )
}

function SessionRow({ session }: { session: SessionPublic }) {
  const device = describeDevice(session.user_agent)
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
      {session.current ? null : <RevokeSessionButton session={session} device={device} />}
    </li>
  )
}
