import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute, redirect } from '@tanstack/react-router'
import { AuditLogTable } from '@/components/AuditLog/AuditLogTable'
import { UserFilter } from '@/components/AuditLog/UserFilter'
import { PageHeader } from '@/components/Common/PageHeader'
import { Pagination } from '@/components/Common/Pagination'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { readPage, readUuid } from '@/lib/search-params'
import { auditLogQuery } from '@/queries/audit-log'
import { currentUserQuery, userOptionsQuery } from '@/queries/users'

export const Route = createFileRoute('/_layout/audit-log')({
  validateSearch: (search): { page?: number; user?: string } => ({
    page: readPage(search.page),
    user: readUuid(search.user),
  }),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, user: search.user }),
  loader: async ({ context, deps }) => {
    const me = await context.queryClient.ensureQueryData(currentUserQuery())
    if (!me.is_superuser) throw redirect({ to: '/' })
    return Promise.all([
      context.queryClient.ensureQueryData(auditLogQuery(deps.page, deps.user)),
      context.queryClient.ensureQueryData(userOptionsQuery()),
    ])
  },
  staticData: { title: 'Audit log' },
  pendingComponent: AuditLogPending,
  component: AuditLogPage,
})

function AuditLogPage() {
  const { page = 1, user } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(auditLogQuery(page, user))
  return (
    <>
      <PageHeader title="Audit log" description="Security-relevant events, newest first." />
      <div className="grid gap-4">
        <UserFilter value={user} onChange={(next) => navigate({ search: { user: next } })} />
        <AuditLogTable entries={data.data} />
        <Pagination
          page={page}
          total={data.count}
          onPageChange={(next) => navigate({ search: { page: next, user } })}
        />
      </div>
    </>
  )
}

function AuditLogPending() {
  return (
    <>
      <PageHeader title="Audit log" description="Security-relevant events, newest first." />
      <TableSkeleton label="Loading audit log" />
    </>
  )
}
