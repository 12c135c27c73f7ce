import { queryOptions } from '@tanstack/react-query'
import { loginReadSignInOptions } from '@/client/sdk.gen'

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

export async function readSignInOptions() {
  const { data } = await loginReadSignInOptions({ throwOnError: true })
  return data
}
