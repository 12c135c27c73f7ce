import { useSuspenseQuery } from '@tanstack/react-query'
import { currentUserQuery } from '@/queries/users'

/** The signed-in user; only valid below the authenticated layout, whose loader fills the cache. */
export function useCurrentUser() {
  return useSuspenseQuery(currentUserQuery()).data
}
