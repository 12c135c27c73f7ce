import { getAccessToken } from '@/lib/access-token'
import { needsProof, requestProof } from '@/lib/reauthentication'
import { refreshSession } from '@/lib/session'
import { emitSessionEvent } from '@/lib/session-events'

// These endpoints answer 401 as part of their own job; retrying them would loop.
const SESSION_PATHS = ['/api/v1/login/']

/**
 * fetch for the generated client: on a 401, refresh the session once and
 * replay the request with the new token; if that fails the session is over.
 * On a 403 asking for a fresh proof of identity, ask the person for it and
 * replay the request once they have given it.
 */
export async function authedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init)
  const afterProof = request.clone()
  const response = await withLiveSession(request)
  if (!(await needsProof(response)) || !(await requestProof())) return response
  const token = getAccessToken()
  if (token !== null) afterProof.headers.set('Authorization', `Bearer ${token}`)
  return withLiveSession(afterProof)
}

async function withLiveSession(request: Request): Promise<Response> {
  const replay = request.clone()
  const response = await fetch(request)
  if (response.status !== 401 || isSessionEndpoint(request.url)) return response

  const sentToken = bearerOf(request)
  const current = getAccessToken()
  // A concurrent request may already have refreshed; reuse its token.
  const refreshed = current !== null && current !== sentToken ? true : await refreshSession()
  const token = getAccessToken()
  if (!refreshed || token === null) {
    emitSessionEvent('expired')
    return response
  }
  replay.headers.set('Authorization', `Bearer ${token}`)
  const retried = await fetch(replay)
  if (retried.status === 401) emitSessionEvent('expired')
  return retried
}

function isSessionEndpoint(url: string): boolean {
  const { pathname } = new URL(url)
  return SESSION_PATHS.some((prefix) => pathname.startsWith(prefix))
}

function bearerOf(request: Request): string | null {
  const header = request.headers.get('Authorization')
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null
}
