import { queryOptions } from '@tanstack/react-query'
import { auditLogReadAuditLog, auditLogReadAuditLogEmails } from '@/client/sdk.gen'
import { type AuditFilters, filtersToQuery } from '@/lib/audit-filters'
import { pageToQuery } from '@/lib/pagination'

export const auditLogKeys = {
  all: ['audit-log'] as const,
  list: (page: number, filters: AuditFilters) =>
    [...auditLogKeys.all, 'list', page, filters] as const,
  emails: () => [...auditLogKeys.all, 'emails'] as const,
}

export function auditLogQuery(page: number, filters: AuditFilters) {
  return queryOptions({
    queryKey: auditLogKeys.list(page, filters),
    queryFn: async () => {
      const { data } = await auditLogReadAuditLog({
        query: { ...pageToQuery(page), ...filtersToQuery(filters) },
        throwOnError: true,
      })
      return data
    },
  })
}

/** Every address the log names, deleted users' included: the user filter's choices. */
export function auditEmailsQuery() {
  return queryOptions({
    queryKey: auditLogKeys.emails(),
    queryFn: async () => {
      const { data } = await auditLogReadAuditLogEmails({ throwOnError: true })
      return data.data
    },
  })
}
