import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '@/components/Common/PageHeader'
import { Pagination } from '@/components/Common/Pagination'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { AddItemButton } from '@/components/Items/AddItemButton'
import { ItemsTable } from '@/components/Items/ItemsTable'
import { validatePageSearch } from '@/lib/search-params'
import { itemsQuery } from '@/queries/items'

export const Route = createFileRoute('/_layout/items')({
  validateSearch: validatePageSearch,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1 }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(itemsQuery(deps.page)),
  staticData: { title: 'Items' },
  pendingComponent: ItemsPending,
  component: ItemsPage,
})

function ItemsPage() {
  const { page = 1 } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(itemsQuery(page))
  return (
    <>
      <PageHeader
        title="Items"
        description="Everything you are keeping track of."
        action={<AddItemButton />}
      />
      <div className="grid gap-4">
        <ItemsTable items={data.data} />
        <Pagination
          page={page}
          total={data.count}
          onPageChange={(next) => navigate({ search: { page: next } })}
        />
      </div>
    </>
  )
}

function ItemsPending() {
  return (
    <>
      <PageHeader title="Items" description="Everything you are keeping track of." />
      <TableSkeleton label="Loading items" />
    </>
  )
}
