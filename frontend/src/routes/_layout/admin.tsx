import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import { AddUserButton } from '@/components/Admin/AddUserButton'
// #region capability: admin_panel
import { AdminPanelLink } from '@/components/Admin/AdminPanelLink'
// #endregion capability: admin_panel
import { UsersTable } from '@/components/Admin/UsersTable'
import { ListPage, ListPagePending } from '@/components/Common/ListPage'
import { pageParam } from '@/lib/pagination'
import { requireSuperuser } from '@/lib/require-superuser'
import { validatePageSearch } from '@/lib/search-params'
import { usersQuery } from '@/queries/users'

const header = { title: 'Users', description: 'Manage who can use the dashboard.' }

export const Route = createFileRoute('/_layout/admin')({
  validateSearch: validatePageSearch,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1 }),
  loader: async ({ context, deps }) => {
    await requireSuperuser(context.queryClient)
    return context.queryClient.ensureQueryData(usersQuery(deps.page))
  },
  staticData: { title: header.title },
  pendingComponent: () => <ListPagePending {...header} label="Loading users" />,
  component: AdminPage,
})

function AdminPage() {
  const { page = 1 } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(usersQuery(page))
  return (
    <ListPage
      {...header}
      action={
        <div className="flex flex-wrap gap-2">
          {/* #region capability: admin_panel */}
          <AdminPanelLink />
          {/* #endregion capability: admin_panel */}
          <AddUserButton />
        </div>
      }
      page={page}
      total={data.count}
      onPageChange={(next, options) =>
        navigate({ search: { page: pageParam(next) }, replace: options?.replace })
      }
    >
      <UsersTable users={data.data} activeSuperusers={data.active_superusers} />
    </ListPage>
  )
}
