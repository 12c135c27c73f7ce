import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import type { SignInOptions } from '@/client/types.gen'
import { PageHeader } from '@/components/Common/PageHeader'
// #region capability: file_storage
import { FilesSettings } from '@/components/Files/FilesSettings'
// #endregion capability: file_storage
// #region capability: oauth
import { ConnectedAccountsPanel } from '@/components/OAuth/ConnectedAccountsPanel'
// #endregion capability: oauth
// #region capability: passkeys
import { PasskeysPanel } from '@/components/Passkeys/PasskeysPanel'
// #endregion capability: passkeys
// #region capability: two_factor
import { TwoFactorPanel } from '@/components/TwoFactor/TwoFactorPanel'
// #endregion capability: two_factor
import { AppearanceForm } from '@/components/UserSettings/AppearanceForm'
import { ChangePasswordForm } from '@/components/UserSettings/ChangePasswordForm'
import { DeleteAccount } from '@/components/UserSettings/DeleteAccount'
import { ProfileForm } from '@/components/UserSettings/ProfileForm'
import { SessionsPanel } from '@/components/UserSettings/SessionsPanel'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { readOneOf } from '@/lib/search-params'
import { signInOptionsQuery } from '@/queries/sign-in-options'

/** For each panel of the Security tab, whether the server offers what it manages. */
const SECURITY_PANELS: ((options: SignInOptions) => boolean)[] = [
  // #region capability: two_factor
  (options) => options.two_factor,
  // #endregion capability: two_factor
  // #region capability: passkeys
  (options) => options.passkeys,
  // #endregion capability: passkeys
  // #region capability: oauth
  (options) => options.providers.length > 0,
  // #endregion capability: oauth
]
const TABS = ['profile', 'password', 'security', 'sessions', 'appearance', 'danger'] as const
type Tab = (typeof TABS)[number]

export const Route = createFileRoute('/_layout/settings')({
  validateSearch: (search): { tab?: Tab } => ({ tab: readOneOf(TABS, search.tab) }),
  staticData: { title: 'Settings' },
  loader: ({ context }) => context.queryClient.ensureQueryData(signInOptionsQuery()),
  component: SettingsPage,
})

function SettingsPage() {
  const { tab = 'profile' } = Route.useSearch()
  const navigate = Route.useNavigate()
  const user = useCurrentUser()
  const { data: options } = useSuspenseQuery(signInOptionsQuery())
  const canDeleteSelf = !user.is_superuser
  const offered = (name: Tab) =>
    (name !== 'danger' || canDeleteSelf) &&
    (name !== 'security' || SECURITY_PANELS.some((offers) => offers(options)))
  const current: Tab = offered(tab) ? tab : 'profile'

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
          {offered('security') ? <TabsTrigger value="security">Security</TabsTrigger> : null}
          <TabsTrigger value="sessions">Sessions</TabsTrigger>
          <TabsTrigger value="appearance">Appearance</TabsTrigger>
          {canDeleteSelf ? <TabsTrigger value="danger">Danger zone</TabsTrigger> : null}
        </TabsList>
        <TabsContent value="profile" className="grid gap-6">
          <ProfileForm />
          {/* #region capability: file_storage */}
          <FilesSettings />
          {/* #endregion capability: file_storage */}
        </TabsContent>
        <TabsContent value="password">
          <ChangePasswordForm />
        </TabsContent>
        {offered('security') ? (
          <TabsContent value="security" className="grid gap-6">
            {/* #region capability: passkeys */}
            {options.passkeys ? <PasskeysPanel /> : null}
            {/* #endregion capability: passkeys */}
            {/* #region capability: two_factor */}
            {options.two_factor ? <TwoFactorPanel /> : null}
            {/* #endregion capability: two_factor */}
            {/* #region capability: oauth */}
            {options.providers.length > 0 ? <ConnectedAccountsPanel /> : null}
            {/* #endregion capability: oauth */}
          </TabsContent>
        ) : null}
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
