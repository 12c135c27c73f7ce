// #region capability: organizations
import { useSuspenseQuery } from '@tanstack/react-query'
// #endregion capability: organizations
import { createFileRoute } from '@tanstack/react-router'
// #region capability: organizations
import { Suspense } from 'react'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
// #endregion capability: organizations
import { NextSteps } from '@/components/Home/NextSteps'
// #region capability: organizations
import { OrganizationOverview } from '@/components/Organizations/OrganizationOverview'
import { useActiveOrganization } from '@/hooks/useActiveOrganization'
// #endregion capability: organizations
import { useCurrentUser } from '@/hooks/useCurrentUser'
// #region capability: organizations
import { pickActiveOrganization } from '@/lib/active-organization'
import {
  myOrganizationsQuery,
  organizationActivityQuery,
  organizationSummaryQuery,
} from '@/queries/organizations'
// #endregion capability: organizations

export const Route = createFileRoute('/_layout/')({
  // #region capability: organizations
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
  // #endregion capability: organizations
  staticData: { title: 'Dashboard' },
  component: Dashboard,
})

function Dashboard() {
  // #region capability: organizations
  const { data: mine } = useSuspenseQuery(myOrganizationsQuery())
  // While they can't be managed (ORGANIZATIONS_ENABLED=false) each user has only
  // their personal one, and the home is the user's own.
  if (mine.manageable) return <OrganizationHome />
  // #endregion capability: organizations
  return (
    <div className="grid gap-6">
      <Greeting message="Welcome back, nice to see you again." />
      <NextSteps />
    </div>
  )
}

function Greeting({ message }: { message: string }) {
  const user = useCurrentUser()
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">
        Hi, {user.full_name || user.email} 👋
      </h1>
      <p className="mt-1 text-muted-foreground">{message}</p>
    </div>
  )
}

// #region capability: organizations
/** The active organization's overview: its counts and its latest activity. */
function OrganizationHome() {
  const organization = useActiveOrganization()
  return (
    <div className="grid gap-6">
      <Greeting message={`Here is how ${organization.name} is doing.`} />
      <Suspense fallback={<TableSkeleton label={`Loading ${organization.name}`} />}>
        <OrganizationOverview organization={organization} />
      </Suspense>
    </div>
  )
}
// #endregion capability: organizations
