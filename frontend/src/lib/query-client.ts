import { QueryClient } from '@tanstack/react-query'
import { onSessionEvent } from '@/lib/session-events'

/**
 * The cache of server data for the signed-in area. This module is loaded by the
 * authenticated layout only, which keeps the query library out of the bundle of
 * the public pages (/login must stay small).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change on retry; only network hiccups are worth one more try.
      retry: (failureCount, error) => error instanceof TypeError && failureCount < 2,
    },
    mutations: { retry: false },
  },
})

onSessionEvent('changed', () => queryClient.clear())
