import type { OrganizationPublic, Permission } from '@/client/types.gen'
import { useCurrentUser } from '@/hooks/useCurrentUser'

/**
 * What one may do in an organization, read from the permissions the API sends
 * with it (never from a copy of the role table). Superusers may do everything.
 */
export function useOrganizationPermissions(organization: OrganizationPublic) {
  const me = useCurrentUser()
  const held = new Set<Permission>(organization.permissions)
  const can = (permission: Permission) => me.is_superuser || held.has(permission)
  /** Whether one may hand out a role: it must hold nothing one's own role lacks. */
  const mayGrant = (permissions: readonly Permission[]) =>
    me.is_superuser || permissions.every((permission) => held.has(permission))
  return { me, can, mayGrant, roleName: organization.role_name ?? 'Superuser' }
}
