import { createFileRoute } from '@tanstack/react-router'
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
    if (!active) return
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
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          Hi, {user.full_name || user.email} 👋
        </h1>
        <p className="mt-1 text-muted-foreground">Here is how {organization.name} is doing.</p>
      </div>
      <Suspense fallback={<TableSkeleton label={`Loading ${organization.name}`} />}>
        <OrganizationOverview organization={organization} />
      </Suspense>
    </div>
  )
}
