import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { organizationsCreateOrganization, organizationsReadOrganizations } from '@/client/sdk.gen'
import type { OrganizationCreate } from '@/client/types.gen'
import { rememberOrganization } from '@/lib/active-organization'

export const organizationKeys = {
  all: ['organizations'] as const,
  mine: () => [...organizationKeys.all, 'mine'] as const,
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
