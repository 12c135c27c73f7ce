import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { itemsCreateItem, itemsDeleteItem, itemsReadItems, itemsUpdateItem } from '@/client/sdk.gen'
import type { ItemCreate, ItemUpdate } from '@/client/types.gen'
import { pageToQuery } from '@/lib/pagination'

export const itemKeys = {
  all: ['items'] as const,
  lists: () => [...itemKeys.all, 'list'] as const,
  list: (page: number, mine: boolean) => [...itemKeys.lists(), page, { mine }] as const,
}

/** A page of items; `mine` narrows a superuser's list (everybody's) to their own. */
export function itemsQuery(page: number, mine: boolean) {
  return queryOptions({
    queryKey: itemKeys.list(page, mine),
    queryFn: async () => {
      const { data } = await itemsReadItems({
        query: { ...pageToQuery(page), mine },
        throwOnError: true,
      })
      return data
    },
  })
}

export function useCreateItem() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: ItemCreate) => {
      const { data } = await itemsCreateItem({ body, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemKeys.all }),
  })
}

export function useUpdateItem() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, ...body }: ItemUpdate & { id: string }) => {
      const { data } = await itemsUpdateItem({ path: { item_id: id }, body, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemKeys.all }),
  })
}

export function useDeleteItem() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      const { data } = await itemsDeleteItem({ path: { item_id: id }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: itemKeys.all }),
  })
}
