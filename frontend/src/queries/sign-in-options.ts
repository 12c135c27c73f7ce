import { queryOptions } from '@tanstack/react-query'
import { readSignInOptions } from '@/lib/sign-in-options'

export const signInOptionKeys = {
  all: ['sign-in-options'] as const,
}

/** Which ways to sign in the server offers; they change only with its settings. */
export function signInOptionsQuery() {
  return queryOptions({
    queryKey: signInOptionKeys.all,
    queryFn: readSignInOptions,
    staleTime: Number.POSITIVE_INFINITY,
  })
}
