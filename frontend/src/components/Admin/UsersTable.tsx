import type { UserPublic } from '@/client/types.gen'
import { UserAvatar } from '@/components/Common/UserAvatar'
import { Badge } from '@/components/ui/badge'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { DeleteUserButton } from './DeleteUserButton'
import { EditUserButton } from './EditUserButton'

type UsersTableProps = {
  users: UserPublic[]
  /** Active superusers among all users, not only this page. */
  activeSuperusers: number
}

/** Why a user's role and status cannot change, or undefined when they can. */
function roleLockedReason(user: UserPublic, isSelf: boolean, activeSuperusers: number) {
  if (!user.is_superuser || !user.is_active || activeSuperusers > 1) return undefined
  return isSelf
    ? 'You are the only active superuser; make someone else a superuser first.'
    : 'This is the only active superuser; make someone else a superuser first.'
}

export function UsersTable({ users, activeSuperusers }: UsersTableProps) {
  const me = useCurrentUser()
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead className="hidden sm:table-cell">Full name</TableHead>
          <TableHead className="hidden md:table-cell">Role</TableHead>
          <TableHead className="hidden md:table-cell">Status</TableHead>
          <TableHead className="hidden lg:table-cell">Email verified</TableHead>
          <TableHead className="w-24 text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => {
          const isSelf = user.id === me.id
          const lockedReason = roleLockedReason(user, isSelf, activeSuperusers)
          return (
            <TableRow key={user.id}>
              <TableCell className="font-medium">
                <div className="flex items-center gap-2">
                  <UserAvatar user={user} />
                  <span className="truncate">{user.email}</span>
                  {isSelf ? <Badge variant="secondary">You</Badge> : null}
                </div>
              </TableCell>
              <TableCell className="hidden sm:table-cell">{user.full_name || '—'}</TableCell>
              <TableCell className="hidden md:table-cell">
                {user.is_superuser ? 'Superuser' : 'User'}
              </TableCell>
              <TableCell className="hidden md:table-cell">
                {user.is_active ? 'Active' : 'Inactive'}
              </TableCell>
              <TableCell className="hidden lg:table-cell">
                {user.is_verified ? 'Verified' : 'Not verified'}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap">
                <EditUserButton user={user} roleLockedReason={lockedReason} />
                <DeleteUserButton
                  user={user}
                  isSelf={isSelf}
                  isLastSuperuser={lockedReason !== undefined}
                />
              </TableCell>
            </TableRow>
          )
        })}
      </TableBody>
    </Table>
  )
}
