import { queryOptions } from '@tanstack/react-query'
import { adminPanelReadAdminPanel } from '@/client/sdk.gen'

export const adminPanelKeys = {
  all: ['admin-panel'] as const,
}

/** Whether the server serves the database admin panel (a setting), and its path. */
export function adminPanelQuery() {
  return queryOptions({
    queryKey: adminPanelKeys.all,
    queryFn: async () => {
      const { data } = await adminPanelReadAdminPanel({ throwOnError: true })
      return data
    },
    staleTime: Number.POSITIVE_INFINITY,
  })
}
