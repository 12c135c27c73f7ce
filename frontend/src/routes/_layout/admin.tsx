import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute, redirect } from '@tanstack/react-router'
import { AddUserButton } from '@/components/Admin/AddUserButton'
import { UsersTable } from '@/components/Admin/UsersTable'
import { PageHeader } from '@/components/Common/PageHeader'
import { Pagination } from '@/components/Common/Pagination'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { validatePageSearch } from '@/lib/search-params'
import { currentUserQuery, usersQuery } from '@/queries/users'

export const Route = createFileRoute('/_layout/admin')({
  validateSearch: validatePageSearch,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1 }),
  loader: async ({ context, deps }) => {
    const me = await context.queryClient.ensureQueryData(currentUserQuery())
    if (!me.is_superuser) throw redirect({ to: '/' })
    return context.queryClient.ensureQueryData(usersQuery(deps.page))
  },
  staticData: { title: 'Users' },
  pendingComponent: AdminPending,
  component: AdminPage,
})

function AdminPage() {
  const { page = 1 } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(usersQuery(page))
  return (
    <>
      <PageHeader
        title="Users"
        description="Manage who can use the dashboard."
        action={<AddUserButton />}
      />
      <div className="grid gap-4">
        <UsersTable users={data.data} />
        <Pagination
          page={page}
          total={data.count}
          onPageChange={(next) => navigate({ search: { page: next } })}
        />
      </div>
    </>
  )
}

function AdminPending() {
  return (
    <>
      <PageHeader title="Users" description="Manage who can use the dashboard." />
      <TableSkeleton label="Loading users" />
    </>
  )
}
