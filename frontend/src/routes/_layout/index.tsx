import { useSuspenseQuery } from '@tanstack/react-query'
import {
  createFileRoute,
  // #region capability: items
  Link,
  // #endregion capability: items
} from '@tanstack/react-router'
import { Suspense } from 'react'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { OrganizationOverview } from '@/components/Organizations/OrganizationOverview'
import { useActiveOrganization } from '@/hooks/useActiveOrganization'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { pickActiveOrganization } from '@/lib/active-organization'
import {
  myOrganizationsQuery,
  organizationActivityQuery,
  organizationSummaryQuery,
} from '@/queries/organizations'

export const Route = createFileRoute('/_layout/')({
  loader: async ({ context: { queryClient } }) => {
    const mine = await queryClient.ensureQueryData(myOrganizationsQuery())
    const active = pickActiveOrganization(mine.data)
    if (!active || !mine.manageable) return
    await Promise.all([
      queryClient.ensureQueryData(organizationSummaryQuery(active.id)),
      active.permissions.includes('audit:read')
        ? queryClient.ensureQueryData(organizationActivityQuery(active.id))
        : null,
    ])
  },
  staticData: { title: 'Dashboard' },
  component: Dashboard,
})

function Dashboard() {
  const user = useCurrentUser()
  const organization = useActiveOrganization()
  const { data: mine } = useSuspenseQuery(myOrganizationsQuery())
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          Hi, {user.full_name || user.email} 👋
        </h1>
        <p className="mt-1 text-muted-foreground">
          {mine.manageable
            ? `Here is how ${organization.name} is doing.`
            : 'Welcome back, nice to see you again.'}
        </p>
      </div>
      {mine.manageable && (
        <Suspense fallback={<TableSkeleton label={`Loading ${organization.name}`} />}>
          <OrganizationOverview organization={organization} />
        </Suspense>
      )}
      {/* #region capability: items */}
      {!mine.manageable && (
        <p>
          <Link to="/items" className="font-medium text-primary underline-offset-4 hover:underline">
            Go to your items
          </Link>
        </p>
      )}
      {/* #endregion capability: items */}
    </div>
  )
}
