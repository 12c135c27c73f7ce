import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  invitationsCreateInvitation,
  invitationsReadInvitations,
  invitationsResendInvitation,
  invitationsRevokeInvitation,
} from '@/client/sdk.gen'
import type { InvitationCreate } from '@/client/types.gen'
import { pageToQuery } from '@/lib/pagination'
import { organizationKeys } from '@/queries/organizations'

export const invitationKeys = {
  all: ['invitations'] as const,
  organization: (orgId: string) => [...invitationKeys.all, orgId] as const,
  list: (orgId: string, page: number) =>
    [...invitationKeys.organization(orgId), 'list', page] as const,
}

/** A page of the organization's pending invitations, newest first. */
export function invitationsQuery(orgId: string, page: number) {
  return queryOptions({
    queryKey: invitationKeys.list(orgId, page),
    queryFn: async () => {
      const { data } = await invitationsReadInvitations({
        path: { org_id: orgId },
        query: pageToQuery(page),
        throwOnError: true,
      })
      return data
    },
  })
}

function useRefreshInvitations(orgId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: invitationKeys.organization(orgId) }),
      queryClient.invalidateQueries({ queryKey: organizationKeys.summary(orgId) }),
    ])
}

export function useInvite(orgId: string) {
  const refresh = useRefreshInvitations(orgId)
  return useMutation({
    mutationFn: async (body: InvitationCreate) => {
      const { data } = await invitationsCreateInvitation({
        path: { org_id: orgId },
        body,
        throwOnError: true,
      })
      return data
    },
    onSettled: refresh,
  })
}

export function useResendInvitation(orgId: string) {
  const refresh = useRefreshInvitations(orgId)
  return useMutation({
    mutationFn: async (invitationId: string) => {
      const { data } = await invitationsResendInvitation({
        path: { org_id: orgId, invitation_id: invitationId },
        throwOnError: true,
      })
      return data
    },
    onSettled: refresh,
  })
}

export function useRevokeInvitation(orgId: string) {
  const refresh = useRefreshInvitations(orgId)
  return useMutation({
    mutationFn: async (invitationId: string) => {
      const { data } = await invitationsRevokeInvitation({
        path: { org_id: orgId, invitation_id: invitationId },
        throwOnError: true,
      })
      return data
    },
    onSettled: refresh,
  })
}
