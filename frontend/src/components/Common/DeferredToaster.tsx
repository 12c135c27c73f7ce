import { useRouterState } from '@tanstack/react-router'
import { lazy, Suspense, useEffect, useState } from 'react'

const Toaster = lazy(() =>
  import('@/components/Common/Toaster').then((module) => ({ default: module.Toaster })),
)

/**
 * Toasts only follow an action, so their code loads once the first page is on
 * screen rather than competing with it. It then stays mounted for good, so a
 * toast survives the navigation that often follows it.
 */
export function DeferredToaster() {
  const routerIdle = useRouterState({ select: (state) => state.status === 'idle' })
  const [mounted, setMounted] = useState(false)
  useEffect(() => {
    if (routerIdle) setMounted(true)
  }, [routerIdle])
  if (!mounted) return null
  return (
    <Suspense fallback={null}>
      <Toaster />
    </Suspense>
  )
}
