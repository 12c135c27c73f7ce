import { createRootRoute, lazyRouteComponent, Outlet } from '@tanstack/react-router'
import { DeferredToaster } from '@/components/Common/DeferredToaster'

export const Route = createRootRoute({
  component: RootLayout,
  // Loaded on demand, like every other page, to keep the entry bundle small.
  notFoundComponent: lazyRouteComponent(() => import('@/components/Common/NotFound'), 'NotFound'),
  errorComponent: lazyRouteComponent(
    () => import('@/components/Common/ErrorFallback'),
    'ErrorFallback',
  ),
})

function RootLayout() {
  return (
    <>
      <Outlet />
      <DeferredToaster />
    </>
  )
}
