import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import { ListPage, ListPagePending } from '@/components/Common/ListPage'
import { AddItemButton } from '@/components/Items/AddItemButton'
import { ItemsTable } from '@/components/Items/ItemsTable'
import { OwnerFilter } from '@/components/Items/OwnerFilter'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { pageParam } from '@/lib/pagination'
import { readOneOf, readPage } from '@/lib/search-params'
import { itemsQuery } from '@/queries/items'

const title = 'Items'

/** What the list holds, in words: a superuser sees everybody's unless they ask for their own. */
function header(everyone: boolean) {
  return {
    title,
    description: everyone
      ? 'Every user’s items, with who owns each.'
      : 'Everything you are keeping track of.',
  }
}

export const Route = createFileRoute('/_layout/items')({
  validateSearch: (search): { page?: number; owner?: 'mine' } => ({
    page: readPage(search.page),
    owner: readOneOf(['mine'] as const, search.owner),
  }),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, mine: search.owner === 'mine' }),
  loader: ({ context, deps }) =>
    context.queryClient.ensureQueryData(itemsQuery(deps.page, deps.mine)),
  staticData: { title },
  pendingComponent: ItemsPending,
  component: ItemsPage,
})

function useEveryone(): boolean {
  const me = useCurrentUser()
  const { owner } = Route.useSearch()
  return me.is_superuser && owner !== 'mine'
}

function ItemsPending() {
  return <ListPagePending {...header(useEveryone())} label="Loading items" />
}

function ItemsPage() {
  const { page = 1, owner } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { is_superuser } = useCurrentUser()
  const everyone = useEveryone()
  const { data } = useSuspenseQuery(itemsQuery(page, owner === 'mine'))
  return (
    <ListPage
      {...header(everyone)}
      action={<AddItemButton />}
      page={page}
      total={data.count}
      onPageChange={(next, options) =>
        navigate({ search: { page: pageParam(next), owner }, replace: options?.replace })
      }
    >
      {is_superuser ? (
        <OwnerFilter
          value={owner ?? 'everyone'}
          onChange={(scope) =>
            navigate({ search: { owner: scope === 'mine' ? 'mine' : undefined } })
          }
        />
      ) : null}
      <ItemsTable items={data.data} showOwner={everyone} />
    </ListPage>
  )
}
