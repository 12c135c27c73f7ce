import { client } from '@/client/client.gen'
import { getAccessToken } from '@/lib/access-token'
import { authedFetch } from '@/lib/authed-fetch'
import { env } from '@/lib/env'
import { withRetryAfter } from '@/lib/errors'

/** The one configuration of the generated client; imported once by main.tsx. */
export function configureApiClient(): void {
  client.setConfig({
    baseUrl: env.apiUrl,
    // Cookies are sent so the refresh cookie reaches /login/* endpoints.
    credentials: 'include',
    auth: () => getAccessToken() ?? undefined,
    fetch: authedFetch,
  })
  client.interceptors.error.use((error, response) => withRetryAfter(error, response))
}
