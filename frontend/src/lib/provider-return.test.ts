import { describe, expect, it } from 'vitest'
import { readProviderReturn } from './provider-return'

describe('coming back to /login from a provider', () => {
  it('reads a finished sign-in', () => {
    expect(readProviderReturn('#signed_in=1')).toEqual({ kind: 'signed-in' })
  })

  // #region capability: two_factor
  it('reads the second step an account with two-factor needs', () => {
    expect(readProviderReturn('#two_factor=abc.def')).toEqual({
      kind: 'two-factor',
      challenge: 'abc.def',
    })
  })
  // #endregion capability: two_factor

  it('reads why the sign-in was refused, decoded', () => {
    expect(readProviderReturn('#oauth_error=An%20account%20exists')).toEqual({
      kind: 'error',
      message: 'An account exists',
    })
  })

  it('reads nothing from an ordinary visit', () => {
    expect(readProviderReturn('')).toBeNull()
  })
})
