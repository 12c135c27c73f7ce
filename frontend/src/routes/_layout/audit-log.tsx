import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import { AuditLogTable } from '@/components/AuditLog/AuditLogTable'
import { UserFilter } from '@/components/AuditLog/UserFilter'
import { ListPage, ListPagePending } from '@/components/Common/ListPage'
import { pageParam } from '@/lib/pagination'
import { requireSuperuser } from '@/lib/require-superuser'
import { readPage, readUuid } from '@/lib/search-params'
import { auditLogQuery } from '@/queries/audit-log'
import { userOptionsQuery } from '@/queries/users'

const header = { title: 'Audit log', description: 'Security-relevant events, newest first.' }

export const Route = createFileRoute('/_layout/audit-log')({
  validateSearch: (search): { page?: number; user?: string } => ({
    page: readPage(search.page),
    user: readUuid(search.user),
  }),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, user: search.user }),
  loader: async ({ context, deps }) => {
    await requireSuperuser(context.queryClient)
    return Promise.all([
      context.queryClient.ensureQueryData(auditLogQuery(deps.page, deps.user)),
      context.queryClient.ensureQueryData(userOptionsQuery()),
    ])
  },
  staticData: { title: header.title },
  pendingComponent: () => <ListPagePending {...header} label="Loading audit log" />,
  component: AuditLogPage,
})

function AuditLogPage() {
  const { page = 1, user } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(auditLogQuery(page, user))
  return (
    <ListPage
      {...header}
      page={page}
      total={data.count}
      onPageChange={(next, options) =>
        navigate({ search: { page: pageParam(next), user }, replace: options?.replace })
      }
    >
      <UserFilter value={user} onChange={(next) => navigate({ search: { user: next } })} />
      <AuditLogTable entries={data.data} />
    </ListPage>
  )
}
