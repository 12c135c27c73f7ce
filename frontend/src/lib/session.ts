import { loginRefreshToken } from '@/client/sdk.gen'
import { getAccessToken, mayHaveSession, setAccessToken } from '@/lib/access-token'

let pendingRefresh: Promise<boolean> | null = null

/**
 * Trade the HttpOnly refresh cookie for a new access token.
 *
 * Single-flight: the server rotates the refresh token and treats a reused one as
 * theft (it revokes the whole session), so concurrent callers must share one
 * request. Across tabs a Web Lock serialises refreshes for the same reason.
 */
export function refreshSession(): Promise<boolean> {
  pendingRefresh ??= withCrossTabLock(requestAccessToken).finally(() => {
    pendingRefresh = null
  })
  return pendingRefresh
}

/**
 * True when a session is usable now, restoring it from the cookie if needed.
 * Without the presence mark there is no cookie to restore from: asking anyway
 * would cost every logged-out page load a request and a 401.
 */
export async function ensureSession(): Promise<boolean> {
  if (getAccessToken()) return true
  if (!mayHaveSession()) return false
  return refreshSession()
}

async function requestAccessToken(): Promise<boolean> {
  try {
    const { data } = await loginRefreshToken({ credentials: 'include' })
    setAccessToken(data?.access_token ?? null)
    return Boolean(data?.access_token)
  } catch {
    return false
  }
}

async function withCrossTabLock(task: () => Promise<boolean>): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return task()
  return await navigator.locks.request('session-refresh', task)
}
