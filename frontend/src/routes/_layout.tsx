import { createFileRoute, notFound, redirect } from '@tanstack/react-router'
import { AppLayout } from '@/components/Layout/AppLayout'
// #region capability: two_factor
import { requireTwoFactorSetup } from '@/lib/require-two-factor'
// #endregion capability: two_factor
import { ensureSession } from '@/lib/session'
import { currentUserQuery } from '@/queries/users'

/** Every page behind a login: restores the session or sends the visitor to /login. */
export const Route = createFileRoute('/_layout')({
  beforeLoad: async ({ location, matches }) => {
    // The query cache is only needed behind the login, so it loads here, alongside the session.
    const [signedIn, { queryClient }] = await Promise.all([
      ensureSession(),
      import('@/lib/query-client'),
    ])
    if (!signedIn) {
      // An address that matches no page is a 404 for visitors too (the root's
      // notFoundComponent), not a detour through /login.
      if (matches.some((match) => match.routeId === '/_layout/$')) throw notFound()
      throw redirect({ to: '/login', search: { redirect: location.href } })
    }
    return { queryClient }
  },
  loader: async (match) => {
    const user = await match.context.queryClient.ensureQueryData(currentUserQuery())
    // #region capability: two_factor
    await requireTwoFactorSetup(match.context.queryClient, user, match.location.pathname)
    // #endregion capability: two_factor
    return user
  },
  component: AppLayout,
})
