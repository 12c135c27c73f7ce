import { createRootRoute, lazyRouteComponent, Outlet } from '@tanstack/react-router'
import { lazy, Suspense } from 'react'

// Toasts only appear after an action, so their code loads after the first paint.
const Toaster = lazy(() =>
  import('@/components/Common/Toaster').then((module) => ({ default: module.Toaster })),
)

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
      <Suspense fallback={null}>
        <Toaster />
      </Suspense>
    </>
  )
}
