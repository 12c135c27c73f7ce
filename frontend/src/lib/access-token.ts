// The access token lives in memory only: a script injected into the page can't
// lift it from storage, and a reload restores it from the HttpOnly refresh cookie.
let accessToken: string | null = null

export function getAccessToken(): string | null {
  return accessToken
}

export function setAccessToken(token: string | null): void {
  accessToken = token
}
