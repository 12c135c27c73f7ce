import { queryOptions } from '@tanstack/react-query'
import { auditLogReadAuditLog } from '@/client/sdk.gen'
import { pageToQuery } from '@/lib/pagination'

export const auditLogKeys = {
  all: ['audit-log'] as const,
  list: (page: number, userId: string | undefined) =>
    [...auditLogKeys.all, 'list', page, userId ?? null] as const,
}

export function auditLogQuery(page: number, userId: string | undefined) {
  return queryOptions({
    queryKey: auditLogKeys.list(page, userId),
    queryFn: async () => {
      const { data } = await auditLogReadAuditLog({
        query: { ...pageToQuery(page), user_id: userId },
        throwOnError: true,
      })
      return data
    },
  })
}
