import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import type { ItemPublic, OrganizationPublic } from '@/client/types.gen'
import { ListPage, ListPagePending } from '@/components/Common/ListPage'
import { AddItemButton } from '@/components/Items/AddItemButton'
import { ItemsTable } from '@/components/Items/ItemsTable'
import { OwnerFilter } from '@/components/Items/OwnerFilter'
import { useActiveOrganization } from '@/hooks/useActiveOrganization'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { pickActiveOrganization } from '@/lib/active-organization'
import { pageParam } from '@/lib/pagination'
import { readOneOf, readPage } from '@/lib/search-params'
import { itemsQuery } from '@/queries/items'
import { myOrganizationsQuery } from '@/queries/organizations'

const title = 'Items'
const header = { title, description: 'Everything the organization keeps track of.' }

export const Route = createFileRoute('/_layout/items')({
  validateSearch: (search): { page?: number; owner?: 'mine' } => ({
    page: readPage(search.page),
    owner: readOneOf(['mine'] as const, search.owner),
  }),
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, mine: search.owner === 'mine' }),
  loader: async ({ context, deps }) => {
    const mine = await context.queryClient.ensureQueryData(myOrganizationsQuery())
    const active = pickActiveOrganization(mine.data)
    if (active)
      await context.queryClient.ensureQueryData(itemsQuery(active.id, deps.page, deps.mine))
  },
  staticData: { title },
  pendingComponent: () => <ListPagePending {...header} label="Loading items" />,
  component: ItemsPage,
})

/** Adding and one's own items follow items:write and items:delete; anybody's need items:admin. */
function useItemRights(organization: OrganizationPublic) {
  const me = useCurrentUser()
  const has = (permission: OrganizationPublic['permissions'][number]) =>
    me.is_superuser || organization.permissions.includes(permission)
  const rights = (item: ItemPublic) => {
    const own = item.owner_id === me.id
    return {
      edit: has('items:admin') || (own && has('items:write')),
      delete: has('items:admin') || (own && has('items:delete')),
    }
  }
  return { canAdd: has('items:write'), rights }
}

function ItemsPage() {
  const { page = 1, owner } = Route.useSearch()
  const navigate = Route.useNavigate()
  const organization = useActiveOrganization()
  const { canAdd, rights } = useItemRights(organization)
  const { data } = useSuspenseQuery(itemsQuery(organization.id, page, owner === 'mine'))
  return (
    <ListPage
      title={title}
      description={`Everything ${organization.name} keeps track of.`}
      action={canAdd ? <AddItemButton orgId={organization.id} /> : null}
      page={page}
      total={data.count}
      onPageChange={(next, options) =>
        navigate({ search: { page: pageParam(next), owner }, replace: options?.replace })
      }
    >
      <OwnerFilter
        value={owner ?? 'everyone'}
        onChange={(scope) => navigate({ search: { owner: scope === 'mine' ? 'mine' : undefined } })}
      />
      <ItemsTable items={data.data} rights={rights} showOwner />
    </ListPage>
  )
}
