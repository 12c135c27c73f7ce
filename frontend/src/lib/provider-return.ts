/**
 * How a sign-in through a provider came back to /login, in the address's fragment
 * (kept out of every server's logs): signed in, a second step to take, or why not.
 */
export type ProviderReturn =
  | { kind: 'signed-in' }
  // #region capability: two_factor
  | { kind: 'two-factor'; challenge: string }
  // #endregion capability: two_factor
  | { kind: 'error'; message: string }
  | null

export function readProviderReturn(hash: string): ProviderReturn {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  // #region capability: two_factor
  const challenge = params.get('two_factor')
  // #endregion capability: two_factor
  const error = params.get('oauth_error')
  if (params.get('signed_in') === '1') return { kind: 'signed-in' }
  // #region capability: two_factor
  if (challenge) return { kind: 'two-factor', challenge }
  // #endregion capability: two_factor
  if (error) return { kind: 'error', message: error }
  return null
}
