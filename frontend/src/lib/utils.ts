import { type ClassValue, clsx } from 'clsx'

/**
 * Join class names. There is deliberately no tailwind-merge here (8 KB gzipped on
 * every page): components put overridable classes last and callers avoid passing
 * utilities that clash with a component's own.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs)
}
