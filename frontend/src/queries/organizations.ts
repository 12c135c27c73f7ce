import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  organizationsCreateOrganization,
  organizationsDeleteOrganization,
  organizationsReadOrganizationActivity,
  organizationsReadOrganizationAuditLog,
  organizationsReadOrganizationAuditLogEmails,
  organizationsReadOrganizationSummary,
  organizationsReadOrganizations,
  organizationsReadPermissions,
  organizationsTransferOwnership,
  organizationsUpdateOrganization,
} from '@/client/sdk.gen'
import type { OrganizationCreate, OrganizationUpdate } from '@/client/types.gen'
import { rememberOrganization } from '@/lib/active-organization'
import { type AuditFilters, filtersToQuery } from '@/lib/audit-filters'
import { pageToQuery } from '@/lib/pagination'

export const organizationKeys = {
  all: ['organizations'] as const,
  mine: () => [...organizationKeys.all, 'mine'] as const,
  permissions: () => [...organizationKeys.all, 'permissions'] as const,
  one: (orgId: string) => [...organizationKeys.all, orgId] as const,
  summary: (orgId: string) => [...organizationKeys.one(orgId), 'summary'] as const,
  activity: (orgId: string) => [...organizationKeys.one(orgId), 'activity'] as const,
  auditLog: (orgId: string, page: number, filters: AuditFilters) =>
    [...organizationKeys.one(orgId), 'audit-log', page, filters] as const,
  auditEmails: (orgId: string) => [...organizationKeys.one(orgId), 'audit-log', 'emails'] as const,
}

/** The organizations one belongs to, the personal one first, with one's permissions in each. */
export function myOrganizationsQuery() {
  return queryOptions({
    queryKey: organizationKeys.mine(),
    queryFn: async () => {
      const { data } = await organizationsReadOrganizations({ throwOnError: true })
      return data
    },
  })
}

/** The organization's counts for its overview: its members, pending invitations and so on. */
export function organizationSummaryQuery(orgId: string) {
  return queryOptions({
    queryKey: organizationKeys.summary(orgId),
    queryFn: async () => {
      const { data } = await organizationsReadOrganizationSummary({
        path: { org_id: orgId },
        throwOnError: true,
      })
      return data
    },
  })
}

/** The organization's audit log entries on each of the last 30 days (UTC), oldest first. */
export function organizationActivityQuery(orgId: string) {
  return queryOptions({
    queryKey: organizationKeys.activity(orgId),
    queryFn: async () => {
      const { data } = await organizationsReadOrganizationActivity({
        path: { org_id: orgId },
        throwOnError: true,
      })
      return data.data
    },
  })
}

/** Every permission a role can hold; it changes only with the server's code. */
export function permissionsQuery() {
  return queryOptions({
    queryKey: organizationKeys.permissions(),
    queryFn: async () => {
      const { data } = await organizationsReadPermissions({ throwOnError: true })
      return data.data
    },
    staleTime: Number.POSITIVE_INFINITY,
  })
}

/** A page of what happened in the organization, newest first. */
export function organizationAuditLogQuery(orgId: string, page: number, filters: AuditFilters) {
  return queryOptions({
    queryKey: organizationKeys.auditLog(orgId, page, filters),
    queryFn: async () => {
      const { data } = await organizationsReadOrganizationAuditLog({
        path: { org_id: orgId },
        query: { ...pageToQuery(page), ...filtersToQuery(filters) },
        throwOnError: true,
      })
      return data
    },
  })
}

/** The addresses the organization's entries name: its user filter's choices. */
export function organizationAuditEmailsQuery(orgId: string) {
  return queryOptions({
    queryKey: organizationKeys.auditEmails(orgId),
    queryFn: async () => {
      const { data } = await organizationsReadOrganizationAuditLogEmails({
        path: { org_id: orgId },
        throwOnError: true,
      })
      return data.data
    },
  })
}

/** Create an organization and make it the active one. */
export function useCreateOrganization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: OrganizationCreate) => {
      const { data } = await organizationsCreateOrganization({ body, throwOnError: true })
      return data
    },
    onSuccess: async (organization) => {
      await queryClient.invalidateQueries({ queryKey: organizationKeys.all })
      rememberOrganization(organization.id)
    },
  })
}

export function useUpdateOrganization(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: OrganizationUpdate) => {
      const { data } = await organizationsUpdateOrganization({
        path: { org_id: orgId },
        body,
        throwOnError: true,
      })
      return data
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.mine() }),
  })
}

/** Delete an organization; the dashboard falls back on the personal one. */
export function useDeleteOrganization(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (confirmation: string) => {
      const { data } = await organizationsDeleteOrganization({
        path: { org_id: orgId },
        body: { confirmation },
        throwOnError: true,
      })
      return data
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.mine() }),
  })
}

/** Hand the organization over to one of its Admins; one's own role changes with it. */
export function useTransferOwnership(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (userId: string) => {
      const { data } = await organizationsTransferOwnership({
        path: { org_id: orgId },
        body: { user_id: userId },
        throwOnError: true,
      })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
  })
}
