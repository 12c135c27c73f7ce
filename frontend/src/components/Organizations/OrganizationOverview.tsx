import { useSuspenseQuery } from '@tanstack/react-query'
import { Link, type LinkProps } from '@tanstack/react-router'
import type { OrganizationPublic } from '@/client/types.gen'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { organizationActivityQuery, organizationSummaryQuery } from '@/queries/organizations'
import { ActivityChart } from './ActivityChart'

/** The active organization at a glance: its counts, and what happened lately. */
export function OrganizationOverview({ organization }: { organization: OrganizationPublic }) {
  const { data: summary } = useSuspenseQuery(organizationSummaryQuery(organization.id))
  const { can } = useOrganizationPermissions(organization)
  return (
    <div className="grid gap-4">
      <dl className="grid gap-4 sm:auto-cols-fr sm:grid-flow-col">
        <Count
          label="Members"
          value={summary.members}
          link={{ to: '/organization', search: { tab: 'members' } }}
        />
        {/* #region capability: items */}
        <Count label="Items" value={summary.items} link={{ to: '/items' }} />
        {/* #endregion capability: items */}
        <Count
          label="Pending invitations"
          value={summary.pending_invitations}
          link={
            can('invitations:read')
              ? { to: '/organization', search: { tab: 'invitations' } }
              : undefined
          }
        />
      </dl>
      <Card>
        <CardTitle>Activity</CardTitle>
        <CardDescription>
          Changes of membership, roles and invitations over the last 30 days.
        </CardDescription>
        <div className="mt-4">
          {can('audit:read') ? (
            <Activity organization={organization} />
          ) : (
            <p className="text-sm text-muted-foreground">
              Shown to those who may read the organization's audit log: its Owners and Admins.
            </p>
          )}
        </div>
      </Card>
    </div>
  )
}

function Activity({ organization }: { organization: OrganizationPublic }) {
  const { data } = useSuspenseQuery(organizationActivityQuery(organization.id))
  return <ActivityChart days={data} />
}

type CountProps = { label: string; value: number; link: LinkProps | undefined }

function Count({ label, value, link }: CountProps) {
  return (
    // A div, not a Card's section: a definition list holds only groups of dt and dd.
    <div className="grid gap-1 rounded-lg border bg-card p-6 shadow-sm">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums">
        {link ? (
          <Link
            {...link}
            className="underline-offset-4 hover:underline"
            aria-label={`${value} ${label.toLowerCase()}`}
          >
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
    </div>
  )
}
