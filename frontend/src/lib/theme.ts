export const THEMES = ['light', 'dark', 'system'] as const
export type Theme = (typeof THEMES)[number]

// Only the colour preference is stored; public/theme-init.js reads the same key
// before first paint so the page never flashes the wrong theme.
const STORAGE_KEY = 'theme'
const listeners = new Set<() => void>()
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)')

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value)
}

export function getTheme(): Theme {
  const stored = window.localStorage.getItem(STORAGE_KEY)
  return isTheme(stored) ? stored : 'system'
}

export function setTheme(theme: Theme): void {
  window.localStorage.setItem(STORAGE_KEY, theme)
  applyTheme()
  for (const listener of listeners) listener()
}

export function resolvedTheme(theme: Theme = getTheme()): 'light' | 'dark' {
  if (theme !== 'system') return theme
  return darkQuery().matches ? 'dark' : 'light'
}

export function applyTheme(): void {
  document.documentElement.classList.toggle('dark', resolvedTheme() === 'dark')
}

export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Follow the operating system while the preference is "system". */
export function watchSystemTheme(): () => void {
  const query = darkQuery()
  const onChange = () => {
    applyTheme()
    for (const listener of listeners) listener()
  }
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}
