import { createRouter } from '@tanstack/react-router'
import { setAccessToken } from '@/lib/access-token'
import { env } from '@/lib/env'
import { emitSessionEvent, onSessionEvent } from '@/lib/session-events'
import { routeTree } from '@/routeTree.gen'

export function createAppRouter() {
  const router = createRouter({
    routeTree,
    defaultPreload: 'intent',
    // The query cache decides freshness; the router always asks it.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  })

  onSessionEvent('expired', () => {
    setAccessToken(null)
    const { pathname, href } = router.state.location
    if (pathname === '/login') return
    // Clear the cache only once the pages reading it are gone, or they would refetch.
    void router
      .navigate({ to: '/login', search: { redirect: href } })
      .then(() => emitSessionEvent('changed'))
  })

  router.subscribe('onResolved', () => {
    const titled = router.state.matches.findLast((match) => match.staticData.title)
    document.title = titled?.staticData.title
      ? `${titled.staticData.title} · ${env.projectName}`
      : env.projectName
  })

  return router
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The page's name in the browser tab. */
    title?: string
  }
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}
