import { useSuspenseQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { OrganizationPublic } from '@/client/types.gen'
import { AuditLogTable } from '@/components/AuditLog/AuditLogTable'
import { Pagination } from '@/components/Common/Pagination'
import { organizationAuditLogQuery } from '@/queries/organizations'

const NO_FILTERS = {}

/** What happened in the organization, newest first: the audit log's table, narrowed to it. */
export function OrganizationAuditLog({ organization }: { organization: OrganizationPublic }) {
  const [page, setPage] = useState(1)
  const { data } = useSuspenseQuery(organizationAuditLogQuery(organization.id, page, NO_FILTERS))
  return (
    <div className="grid grid-cols-1 gap-4">
      <p className="text-sm text-muted-foreground">
        Changes of membership, roles and invitations in {organization.name}, newest first.
      </p>
      <AuditLogTable entries={data.data} filtered={false} />
      <Pagination page={page} total={data.count} onPageChange={setPage} />
    </div>
  )
}
