import { useSyncExternalStore } from 'react'
import { getTheme, resolvedTheme, setTheme, subscribeTheme, type Theme } from '@/lib/theme'

export function useTheme(): {
  theme: Theme
  resolved: 'light' | 'dark'
  setTheme: (theme: Theme) => void
} {
  const theme = useSyncExternalStore(subscribeTheme, getTheme, () => 'system' as const)
  const resolved = useSyncExternalStore(
    subscribeTheme,
    () => resolvedTheme(),
    () => 'light' as const,
  )
  return { theme, resolved, setTheme }
}
