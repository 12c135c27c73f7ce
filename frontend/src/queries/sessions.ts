import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  sessionsReadSessions,
  sessionsRevokeOtherSessions,
  sessionsRevokeSession,
} from '@/client/sdk.gen'

export const sessionKeys = {
  all: ['sessions'] as const,
  list: () => [...sessionKeys.all, 'list'] as const,
}

export function sessionsQuery() {
  return queryOptions({
    queryKey: sessionKeys.list(),
    queryFn: async () => {
      const { data } = await sessionsReadSessions({ throwOnError: true })
      return data
    },
  })
}

export function useRevokeSession() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      const { data } = await sessionsRevokeSession({ path: { session_id: id }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  })
}

export function useRevokeOtherSessions() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const { data } = await sessionsRevokeOtherSessions({ throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  })
}
