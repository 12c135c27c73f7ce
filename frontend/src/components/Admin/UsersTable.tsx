import type { UserPublic } from '@/client/types.gen'
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

export function UsersTable({ users }: { users: UserPublic[] }) {
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
        {users.map((user) => (
          <TableRow key={user.id}>
            <TableCell className="font-medium">
              {user.email}
              {user.id === me.id ? (
                <Badge variant="secondary" className="ml-2">
                  You
                </Badge>
              ) : null}
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
              <EditUserButton user={user} />
              <DeleteUserButton user={user} isSelf={user.id === me.id} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
