import { useSuspenseQuery } from '@tanstack/react-query'
import { Suspense, useState } from 'react'
import type { OrganizationPublic } from '@/client/types.gen'
import { AuditLogFilters } from '@/components/AuditLog/AuditLogFilters'
import { AuditLogTable } from '@/components/AuditLog/AuditLogTable'
import { PagedList } from '@/components/Common/PagedList'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { type AuditFilters, hasFilters, rangeProblem } from '@/lib/audit-filters'
import { organizationAuditEmailsQuery, organizationAuditLogQuery } from '@/queries/organizations'

type OrganizationAuditLogProps = {
  organization: OrganizationPublic
  /** The filters the address holds, as on the superuser's audit log. */
  filters: AuditFilters
  onFiltersChange: (changes: AuditFilters) => void
  onFiltersClear: () => void
}

/** What happened in the organization, newest first: the audit log's filters and
 * table, narrowed to it. */
export function OrganizationAuditLog({
  organization,
  filters,
  onFiltersChange,
  onFiltersClear,
}: OrganizationAuditLogProps) {
  const { data: emails } = useSuspenseQuery(organizationAuditEmailsQuery(organization.id))
  const problem = rangeProblem(filters)
  return (
    <div className="grid grid-cols-1 gap-4">
      <p className="text-sm text-muted-foreground">
        Changes of membership, roles and invitations in {organization.name}, newest first.
      </p>
      <AuditLogFilters
        filters={filters}
        emails={emails}
        problem={problem}
        onChange={onFiltersChange}
        onClear={onFiltersClear}
      />
      {problem ? null : (
        <Suspense fallback={<TableSkeleton label="Loading audit log" />}>
          {/* New filters start again from the first page. */}
          <Entries key={JSON.stringify(filters)} orgId={organization.id} filters={filters} />
        </Suspense>
      )}
    </div>
  )
}

function Entries({ orgId, filters }: { orgId: string; filters: AuditFilters }) {
  const [page, setPage] = useState(1)
  const { data } = useSuspenseQuery(organizationAuditLogQuery(orgId, page, filters))
  return (
    <PagedList page={page} total={data.count} onPageChange={setPage}>
      <AuditLogTable entries={data.data} filtered={hasFilters(filters)} />
    </PagedList>
  )
}
