import { useSuspenseQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { MemberPublic, OrganizationPublic, RolePublic } from '@/client/types.gen'
import { PagedList } from '@/components/Common/PagedList'
import { UserAvatar } from '@/components/Common/UserAvatar'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { formatDate } from '@/lib/format'
import { membersQuery } from '@/queries/members'
import { rolesQuery } from '@/queries/roles'
import { LeaveOrganization } from './LeaveOrganization'
import { MemberActions, MemberRole, memberName } from './MemberActions'

/** Who belongs to the organization, with their roles, and the ways to change that. */
export function MembersPanel({ organization }: { organization: OrganizationPublic }) {
  const [page, setPage] = useState(1)
  const { data } = useSuspenseQuery(membersQuery(organization.id, page))
  const { data: roles } = useSuspenseQuery(rolesQuery(organization.id))
  const { can, me } = useOrganizationPermissions(organization)
  const owners = data.data.filter((member) => member.role === 'owner').length
  // Known only when every member is on this page; otherwise the API says so on leaving.
  const lastOwner =
    data.count === data.data.length &&
    owners === 1 &&
    data.data.some((member) => member.user_id === me.id && member.role === 'owner')
  const row = { organization, roles }
  return (
    <div className="grid grid-cols-1 gap-4">
      {can('organization:admin') ? (
        <p className="text-sm text-muted-foreground">
          Ownership goes to an Admin: give someone the Admin role first, then make them the Owner.
        </p>
      ) : null}
      <PagedList page={page} total={data.count} onPageChange={setPage}>
        <ul className="grid gap-3 md:hidden" aria-label="Members">
          {data.data.map((member) => (
            <li key={member.user_id} className="grid gap-2 rounded-md border p-4">
              <MemberIdentity member={member} />
              <p className="text-sm text-muted-foreground">
                Joined {formatDate(member.created_at)}
              </p>
              <div className="flex items-center justify-between gap-2">
                <MemberRole member={member} {...row} />
                <div>
                  <MemberActions member={member} organization={organization} />
                </div>
              </div>
            </li>
          ))}
        </ul>
        <div className="hidden md:block">
          <MembersTable members={data.data} {...row} />
        </div>
      </PagedList>
      <LeaveOrganization organization={organization} lastOwner={lastOwner} />
    </div>
  )
}

type MembersTableProps = {
  organization: OrganizationPublic
  members: MemberPublic[]
  roles: RolePublic[]
}

function MembersTable({ organization, members, roles }: MembersTableProps) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead className="w-44">Role</TableHead>
          <TableHead className="w-36">Joined</TableHead>
          <TableHead className="w-28 text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => (
          <TableRow key={member.user_id}>
            <TableCell>
              <MemberIdentity member={member} />
            </TableCell>
            <TableCell>
              <MemberRole organization={organization} member={member} roles={roles} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">
              {formatDate(member.created_at)}
            </TableCell>
            <TableCell className="text-right whitespace-nowrap">
              <MemberActions organization={organization} member={member} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function MemberIdentity({ member }: { member: MemberPublic }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <UserAvatar user={member} />
      <div className="grid min-w-0">
        <span className="truncate font-medium">{memberName(member)}</span>
        {member.full_name ? (
          <span className="truncate text-sm text-muted-foreground">{member.email}</span>
        ) : null}
      </div>
    </div>
  )
}
