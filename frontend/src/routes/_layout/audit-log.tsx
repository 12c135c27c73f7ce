import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { AuditLogFilters } from '@/components/AuditLog/AuditLogFilters'
import { AuditLogTable } from '@/components/AuditLog/AuditLogTable'
import { AUDIT_ACTIONS } from '@/components/AuditLog/audit-actions'
import { ListPage, ListPagePending } from '@/components/Common/ListPage'
import { PageHeader } from '@/components/Common/PageHeader'
import { type AuditFilters, hasFilters, rangeProblem, readDay } from '@/lib/audit-filters'
import { pageParam } from '@/lib/pagination'
import { requireSuperuser } from '@/lib/require-superuser'
import { readOneOf, readPage, readString } from '@/lib/search-params'
import { auditEmailsQuery, auditLogQuery } from '@/queries/audit-log'

const header = { title: 'Audit log', description: 'Security-relevant events, newest first.' }

type AuditSearch = AuditFilters & { page?: number }

export const Route = createFileRoute('/_layout/audit-log')({
  validateSearch: (search): AuditSearch => ({
    page: readPage(search.page),
    email: readString(search.email)?.toLowerCase(),
    action: readOneOf(AUDIT_ACTIONS, search.action),
    from: readDay(search.from),
    to: readDay(search.to),
  }),
  loaderDeps: ({ search: { page = 1, ...filters } }) => ({ page, filters }),
  loader: async ({ context, deps: { page, filters } }) => {
    await requireSuperuser(context.queryClient)
    return Promise.all([
      // A range that ends before it starts is shown as such, not asked for.
      rangeProblem(filters)
        ? null
        : context.queryClient.ensureQueryData(auditLogQuery(page, filters)),
      context.queryClient.ensureQueryData(auditEmailsQuery()),
    ])
  },
  staticData: { title: header.title },
  pendingComponent: () => <ListPagePending {...header} label="Loading audit log" />,
  component: AuditLogPage,
})

function AuditLogPage() {
  const { page = 1, ...filters } = Route.useSearch()
  const navigate = Route.useNavigate()
  const problem = rangeProblem(filters)
  const { data: emails } = useSuspenseQuery(auditEmailsQuery())
  // From the URL's latest search, not this render's: a second choice made while
  // the first one loads keeps the first. A new choice starts from the first page.
  const filterBar = (
    <AuditLogFilters
      filters={filters}
      emails={emails}
      problem={problem}
      onChange={(changes) =>
        navigate({ search: (previous) => ({ ...previous, ...changes, page: undefined }) })
      }
      onClear={() => navigate({ search: {} })}
    />
  )
  if (problem) {
    return (
      <>
        <PageHeader {...header} />
        {filterBar}
      </>
    )
  }
  return (
    <AuditLogList page={page} filters={filters}>
      {filterBar}
    </AuditLogList>
  )
}

function AuditLogList({
  page,
  filters,
  children,
}: {
  page: number
  filters: AuditFilters
  children: ReactNode
}) {
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(auditLogQuery(page, filters))
  return (
    <ListPage
      {...header}
      page={page}
      total={data.count}
      onPageChange={(next, options) =>
        navigate({
          search: (previous) => ({ ...previous, page: pageParam(next) }),
          replace: options?.replace,
        })
      }
    >
      {children}
      <AuditLogTable entries={data.data} filtered={hasFilters(filters)} />
    </ListPage>
  )
}
