import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import { ListPage, ListPagePending } from '@/components/Common/ListPage'
import { AddItemButton } from '@/components/Items/AddItemButton'
import { ItemsTable } from '@/components/Items/ItemsTable'
import { pageParam } from '@/lib/pagination'
import { validatePageSearch } from '@/lib/search-params'
import { itemsQuery } from '@/queries/items'

const header = { title: 'Items', description: 'Everything you are keeping track of.' }

export const Route = createFileRoute('/_layout/items')({
  validateSearch: validatePageSearch,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1 }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(itemsQuery(deps.page)),
  staticData: { title: header.title },
  pendingComponent: () => <ListPagePending {...header} label="Loading items" />,
  component: ItemsPage,
})

function ItemsPage() {
  const { page = 1 } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(itemsQuery(page))
  return (
    <ListPage
      {...header}
      action={<AddItemButton />}
      page={page}
      total={data.count}
      onPageChange={(next, options) =>
        navigate({ search: { page: pageParam(next) }, replace: options?.replace })
      }
    >
      <ItemsTable items={data.data} />
    </ListPage>
  )
}
