import { createFileRoute, notFound } from '@tanstack/react-router'
import { type ReactNode, Suspense } from 'react'
import type { Permission } from '@/client/types.gen'
import { AUDIT_ACTIONS } from '@/components/AuditLog/audit-actions'
import { PageHeader } from '@/components/Common/PageHeader'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { InvitationsPanel } from '@/components/Organizations/InvitationsPanel'
import { MembersPanel } from '@/components/Organizations/MembersPanel'
import { OrganizationAuditLog } from '@/components/Organizations/OrganizationAuditLog'
import { OrganizationGeneral } from '@/components/Organizations/OrganizationGeneral'
import { RolesPanel } from '@/components/Organizations/RolesPanel'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { useActiveOrganization } from '@/hooks/useActiveOrganization'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { type AuditFilters, readDay } from '@/lib/audit-filters'
import { readOneOf, readString } from '@/lib/search-params'
import { myOrganizationsQuery } from '@/queries/organizations'

const TABS = ['general', 'members', 'invitations', 'roles', 'activity'] as const
type Tab = (typeof TABS)[number]

/** The tab, and the audit log's filters (the same as on the superuser's audit log). */
type OrganizationSearch = AuditFilters & { tab?: Tab }

export const Route = createFileRoute('/_layout/organization')({
  validateSearch: (search): OrganizationSearch => ({
    tab: readOneOf(TABS, search.tab),
    email: readString(search.email)?.toLowerCase(),
    action: readOneOf(AUDIT_ACTIONS, search.action),
    from: readDay(search.from),
    to: readDay(search.to),
  }),
  loader: async ({ context }) => {
    const mine = await context.queryClient.ensureQueryData(myOrganizationsQuery())
    if (!mine.manageable) throw notFound()
  },
  staticData: { title: 'Organization' },
  component: OrganizationPage,
})

type Panel = { label: string; needs: Permission; render: () => ReactNode }

/** The active organization: its settings, members, invitations, roles and audit log. */
function OrganizationPage() {
  const { tab = 'general', ...filters } = Route.useSearch()
  const navigate = Route.useNavigate()
  const organization = useActiveOrganization()
  const { can } = useOrganizationPermissions(organization)
  const props = { organization }
  const panels: Record<Tab, Panel> = {
    general: {
      label: 'General',
      needs: 'organization:read',
      render: () => <OrganizationGeneral {...props} />,
    },
    members: { label: 'Members', needs: 'members:read', render: () => <MembersPanel {...props} /> },
    invitations: {
      label: 'Invitations',
      needs: 'invitations:read',
      render: () => <InvitationsPanel {...props} />,
    },
    roles: { label: 'Roles', needs: 'roles:read', render: () => <RolesPanel {...props} /> },
    activity: {
      label: 'Audit log',
      needs: 'audit:read',
      render: () => (
        <OrganizationAuditLog
          {...props}
          filters={filters}
          onFiltersChange={(changes) =>
            navigate({ search: (previous) => ({ ...previous, ...changes }) })
          }
          onFiltersClear={() => navigate({ search: { tab: 'activity' }, replace: true })}
        />
      ),
    },
  }
  // A tab the role cannot read is not offered; its address shows the first tab.
  const shown = TABS.filter((name) => can(panels[name].needs))
  const current: Tab = shown.includes(tab) ? tab : 'general'
  return (
    <>
      <PageHeader
        title="Organization"
        description={`${organization.name}: its settings, members, invitations, roles and history.`}
      />
      <Tabs
        key={organization.id}
        value={current}
        onValueChange={(value) => navigate({ search: { tab: value as Tab }, replace: true })}
        className="max-w-4xl [&_[role=tabpanel]>*]:max-w-none"
      >
        <TabsList>
          {shown.map((name) => (
            <TabsTrigger key={name} value={name}>
              {panels[name].label}
            </TabsTrigger>
          ))}
        </TabsList>
        {shown.map((name) => (
          <TabsContent key={name} value={name}>
            <Suspense fallback={<TableSkeleton label={`Loading ${panels[name].label}`} />}>
              {panels[name].render()}
            </Suspense>
          </TabsContent>
        ))}
      </Tabs>
    </>
  )
}
