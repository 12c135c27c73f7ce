// The access token lives in memory only: a script injected into the page can't
// lift it from storage, and a reload restores it from the HttpOnly refresh cookie.
let accessToken: string | null = null

// Beside it, in storage, only a mark that a session was started in this browser
// and not ended: the HttpOnly cookie can't be seen from here (nor, on another
// host than the API, could a cookie the API sets), and without a session there
// is nothing to restore.
const PRESENCE_KEY = 'session-present'

export function getAccessToken(): string | null {
  return accessToken
}

export function setAccessToken(token: string | null): void {
  accessToken = token
  try {
    if (token) localStorage.setItem(PRESENCE_KEY, '1')
    else localStorage.removeItem(PRESENCE_KEY)
  } catch {
    // Storage refused (private mode, quota): mayHaveSession then answers true.
  }
}

/** False only when this browser surely holds no session to restore. */
export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(PRESENCE_KEY) !== null
  } catch {
    return true
  }
}
