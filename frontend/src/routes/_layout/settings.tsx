import { createFileRoute } from '@tanstack/react-router'
import { PageHeader } from '@/components/Common/PageHeader'
import { AppearanceForm } from '@/components/UserSettings/AppearanceForm'
import { ChangePasswordForm } from '@/components/UserSettings/ChangePasswordForm'
import { DeleteAccount } from '@/components/UserSettings/DeleteAccount'
import { ProfileForm } from '@/components/UserSettings/ProfileForm'
import { SessionsPanel } from '@/components/UserSettings/SessionsPanel'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { readOneOf } from '@/lib/search-params'

const TABS = ['profile', 'password', 'sessions', 'appearance', 'danger'] as const
type Tab = (typeof TABS)[number]

export const Route = createFileRoute('/_layout/settings')({
  validateSearch: (search): { tab?: Tab } => ({ tab: readOneOf(TABS, search.tab) }),
  staticData: { title: 'Settings' },
  component: SettingsPage,
})

function SettingsPage() {
  const { tab = 'profile' } = Route.useSearch()
  const navigate = Route.useNavigate()
  const user = useCurrentUser()
  const canDeleteSelf = !user.is_superuser
  const current: Tab = tab === 'danger' && !canDeleteSelf ? 'profile' : tab

  return (
    <>
      <PageHeader title="User settings" />
      {/* One width for every tab, whatever its card asks for: the page must not jump
          when the tab changes. */}
      <Tabs
        value={current}
        onValueChange={(value) => navigate({ search: { tab: value as Tab }, replace: true })}
        className="max-w-2xl [&_[role=tabpanel]>*]:max-w-none"
      >
        <TabsList>
          <TabsTrigger value="profile">Profile</TabsTrigger>
          <TabsTrigger value="password">Password</TabsTrigger>
          <TabsTrigger value="sessions">Sessions</TabsTrigger>
          <TabsTrigger value="appearance">Appearance</TabsTrigger>
          {canDeleteSelf ? <TabsTrigger value="danger">Danger zone</TabsTrigger> : null}
        </TabsList>
        <TabsContent value="profile">
          <ProfileForm />
        </TabsContent>
        <TabsContent value="password">
          <ChangePasswordForm />
        </TabsContent>
        <TabsContent value="sessions">
          <SessionsPanel />
        </TabsContent>
        <TabsContent value="appearance">
          <AppearanceForm />
        </TabsContent>
        {canDeleteSelf ? (
          <TabsContent value="danger">
            <DeleteAccount />
          </TabsContent>
        ) : null}
      </Tabs>
    </>
  )
}
