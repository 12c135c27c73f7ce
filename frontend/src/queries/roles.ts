import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { rolesCreateRole, rolesDeleteRole, rolesReadRoles, rolesUpdateRole } from '@/client/sdk.gen'
import type { RoleCreate, RoleUpdate } from '@/client/types.gen'
import { organizationKeys } from '@/queries/organizations'

export const roleKeys = {
  all: ['roles'] as const,
  organization: (orgId: string) => [...roleKeys.all, orgId] as const,
}

/** The built-in roles, then the organization's custom ones by name. */
export function rolesQuery(orgId: string) {
  return queryOptions({
    queryKey: roleKeys.organization(orgId),
    queryFn: async () => {
      const { data } = await rolesReadRoles({ path: { org_id: orgId }, throwOnError: true })
      return data.data
    },
  })
}

/** A custom role's change reaches its members' permissions, one's own included. */
function useRefreshRoles(orgId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: roleKeys.organization(orgId) }),
      queryClient.invalidateQueries({ queryKey: organizationKeys.mine() }),
    ])
}

export function useCreateRole(orgId: string) {
  const refresh = useRefreshRoles(orgId)
  return useMutation({
    mutationFn: async (body: RoleCreate) => {
      const { data } = await rolesCreateRole({ path: { org_id: orgId }, body, throwOnError: true })
      return data
    },
    onSettled: refresh,
  })
}

export function useUpdateRole(orgId: string) {
  const refresh = useRefreshRoles(orgId)
  return useMutation({
    mutationFn: async ({ id, ...body }: RoleUpdate & { id: string }) => {
      const { data } = await rolesUpdateRole({
        path: { org_id: orgId, role_id: id },
        body,
        throwOnError: true,
      })
      return data
    },
    onSettled: refresh,
  })
}

export function useDeleteRole(orgId: string) {
  const refresh = useRefreshRoles(orgId)
  return useMutation({
    mutationFn: async (id: string) => {
      const { data } = await rolesDeleteRole({
        path: { org_id: orgId, role_id: id },
        throwOnError: true,
      })
      return data
    },
    onSettled: refresh,
  })
}
