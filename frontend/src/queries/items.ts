import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { itemsCreateItem, itemsDeleteItem, itemsReadItems, itemsUpdateItem } from '@/client/sdk.gen'
import type { ItemCreate, ItemUpdate } from '@/client/types.gen'
import { pageToQuery } from '@/lib/pagination'

export const itemKeys = {
  all: ['items'] as const,
  organization: (orgId: string) => [...itemKeys.all, orgId] as const,
  list: (orgId: string, page: number, mine: boolean) =>
    [...itemKeys.organization(orgId), 'list', page, { mine }] as const,
}

/** A page of an organization's items; `mine` narrows it to one's own. */
export function itemsQuery(orgId: string, page: number, mine: boolean) {
  return queryOptions({
    queryKey: itemKeys.list(orgId, page, mine),
    queryFn: async () => {
      const { data } = await itemsReadItems({
        path: { org_id: orgId },
        query: { ...pageToQuery(page), mine },
        throwOnError: true,
      })
      return data
    },
  })
}

export function useCreateItem(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: ItemCreate) => {
      const { data } = await itemsCreateItem({ path: { org_id: orgId }, body, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemKeys.organization(orgId) }),
  })
}

export function useUpdateItem(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, ...body }: ItemUpdate & { id: string }) => {
      const { data } = await itemsUpdateItem({
        path: { org_id: orgId, item_id: id },
        body,
        throwOnError: true,
      })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemKeys.organization(orgId) }),
  })
}

export function useDeleteItem(orgId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      const { data } = await itemsDeleteItem({
        path: { org_id: orgId, item_id: id },
        throwOnError: true,
      })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemKeys.organization(orgId) }),
  })
}
