import { useSuspenseQuery } from '@tanstack/react-query'
import { Pencil, Plus } from 'lucide-react'
import { useState } from 'react'
import type { OrganizationPublic, RolePublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { permissionsQuery } from '@/queries/organizations'
import { rolesQuery, useDeleteRole } from '@/queries/roles'
import { RoleDialog } from './RoleDialog'

/** The built-in roles, read-only, and the organization's own roles made from permissions. */
export function RolesPanel({ organization }: { organization: OrganizationPublic }) {
  const { data: roles } = useSuspenseQuery(rolesQuery(organization.id))
  const { can, roleName } = useOrganizationPermissions(organization)
  const [creating, setCreating] = useState(false)
  const mayChange = can('roles:write')
  return (
    <div className="grid grid-cols-1 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-sm text-muted-foreground">
          {mayChange
            ? 'Built-in roles cannot change; add your own from the list of permissions.'
            : `Built-in roles cannot change. As ${roleName}, you cannot make roles of your own.`}
        </p>
        {mayChange ? (
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden />
            New role
          </Button>
        ) : null}
      </div>
      <ul className="grid gap-3" aria-label="Roles">
        {roles.map((role) => (
          <RoleRow key={role.id} organization={organization} role={role} mayChange={mayChange} />
        ))}
      </ul>
      {creating ? <RoleDialog organization={organization} open onOpenChange={setCreating} /> : null}
    </div>
  )
}

type RoleRowProps = { organization: OrganizationPublic; role: RolePublic; mayChange: boolean }

function RoleRow({ organization, role, mayChange }: RoleRowProps) {
  const { data: permissions } = useSuspenseQuery(permissionsQuery())
  const [editing, setEditing] = useState(false)
  const remove = useDeleteRole(organization.id)
  const described = permissions.filter((permission) => role.permissions.includes(permission.id))
  return (
    <li className="grid gap-2 rounded-md border p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="flex items-center gap-2 font-medium">
          {role.name}
          {role.built_in ? <Badge variant="secondary">Built-in</Badge> : null}
        </h2>
        {mayChange && !role.built_in ? (
          <div className="flex items-center gap-1">
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Edit ${role.name}`}
              onClick={() => setEditing(true)}
            >
              <Pencil aria-hidden />
            </Button>
            <ConfirmDeleteButton
              label={`Delete ${role.name}`}
              title="Delete role?"
              description={`"${role.name}" goes; nobody may have it or be invited with it.`}
              pending={remove.isPending}
              onConfirm={() => remove.mutateAsync(role.id)}
              doneMessage="Role deleted"
            />
          </div>
        ) : null}
      </div>
      <ul className="grid gap-0.5 text-sm text-muted-foreground sm:grid-cols-2">
        {described.length === 0 ? <li>No permissions</li> : null}
        {described.map((permission) => (
          <li key={permission.id}>{permission.description}</li>
        ))}
      </ul>
      {editing ? (
        <RoleDialog organization={organization} role={role} open onOpenChange={setEditing} />
      ) : null}
    </li>
  )
}
