import { QueryClientProvider } from '@tanstack/react-query'
import { Link, Outlet } from '@tanstack/react-router'
// #region capability: organizations
import { OrganizationSwitcher } from '@/components/Organizations/OrganizationSwitcher'
// #endregion capability: organizations
import { ReauthenticationDialog } from '@/components/Reauthentication/ReauthenticationDialog'
import { env } from '@/lib/env'
import { queryClient } from '@/lib/query-client'
import { MobileNav } from './MobileNav'
import { NavLinks } from './NavLinks'
import { UserMenu } from './UserMenu'
import { VerifyEmailBanner } from './VerifyEmailBanner'

export function AppLayout() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  )
}

function Shell() {
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-r bg-muted/40 p-4 md:flex">
        <Link to="/" className="mb-6 px-3 text-lg font-bold tracking-tight text-primary">
          {env.projectName}
        </Link>
        {/* #region capability: organizations */}
        <div className="mb-4">
          <OrganizationSwitcher />
        </div>
        {/* #endregion capability: organizations */}
        <nav aria-label="Main">
          <NavLinks />
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-2 border-b px-4 md:justify-end md:px-8">
          <div className="flex items-center gap-2 md:hidden">
            <MobileNav />
            <Link to="/" className="font-bold tracking-tight text-primary">
              {env.projectName}
            </Link>
          </div>
          <UserMenu />
        </header>
        <VerifyEmailBanner />
        <main className="flex-1 p-4 md:p-8">
          <Outlet />
        </main>
        <ReauthenticationDialog />
      </div>
    </div>
  )
}
