import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  membersLeaveOrganization,
  membersReadMembers,
  membersRemoveMember,
  membersUpdateMember,
} from '@/client/sdk.gen'
import { pageToQuery } from '@/lib/pagination'
import { organizationKeys } from '@/queries/organizations'

export const memberKeys = {
  all: ['members'] as const,
  organization: (orgId: string) => [...memberKeys.all, orgId] as const,
  list: (orgId: string, page: number) => [...memberKeys.organization(orgId), 'list', page] as const,
}

/** A page of the organization's members, longest-standing first. */
export function membersQuery(orgId: string, page: number) {
  return queryOptions({
    queryKey: memberKeys.list(orgId, page),
    queryFn: async () => {
      const { data } = await membersReadMembers({
        path: { org_id: orgId },
        query: pageToQuery(page),
        throwOnError: true,
      })
      return data
    },
  })
}

/** After a change of membership: the list, the counts and one's own role may all differ. */
function useRefreshMembership(orgId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: memberKeys.organization(orgId) }),
      queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
    ])
}

export function useUpdateMember(orgId: string) {
  const refresh = useRefreshMembership(orgId)
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: string }) => {
      const { data } = await membersUpdateMember({
        path: { org_id: orgId, user_id: userId },
        body: { role },
        throwOnError: true,
      })
      return data
    },
    onSettled: refresh,
  })
}

export function useRemoveMember(orgId: string) {
  const refresh = useRefreshMembership(orgId)
  return useMutation({
    mutationFn: async (userId: string) => {
      const { data } = await membersRemoveMember({
        path: { org_id: orgId, user_id: userId },
        throwOnError: true,
      })
      return data
    },
    onSettled: refresh,
  })
}

/** Leave the organization; the dashboard falls back on the personal one. */
export function useLeaveOrganization(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const { data } = await membersLeaveOrganization({
        path: { org_id: orgId },
        throwOnError: true,
      })
      return data
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.mine() }),
  })
}
