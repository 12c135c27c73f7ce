import { describe, expect, it } from 'vitest'
import { errorMessage, retryAfter, withRetryAfter } from './errors'

describe('errorMessage', () => {
  it("shows the backend's detail as it is", () => {
    expect(errorMessage({ detail: 'Incorrect email or password' })).toBe(
      'Incorrect email or password',
    )
  })

  it('names the field of each validation issue', () => {
    const body = {
      detail: [
        { loc: ['body', 'new_password'], msg: 'Value error, Password is too common' },
        { loc: ['body', 'email'], msg: 'value is not a valid email address' },
      ],
    }
    expect(errorMessage(body)).toBe(
      'New password: Password is too common Email: Enter a valid email address',
    )
  })

  it('says when a refused attempt may be tried again', () => {
    const error = withRetryAfter(
      { detail: 'Too many attempts; try again later' },
      new Response(null, { status: 429, headers: { 'Retry-After': '840' } }),
    )
    expect(retryAfter(error)).toBe(840)
    expect(errorMessage(error)).toMatch(/^Too many attempts\. Try again in 14 minutes, at .+\.$/)
  })

  it('counts down to a Retry-After given as a date', () => {
    const in90s = new Date(Date.now() + 90_000).toUTCString()
    const error = withRetryAfter(
      { detail: 'x' },
      new Response(null, { headers: { 'Retry-After': in90s } }),
    )
    expect(retryAfter(error)).toBeGreaterThan(80)
  })

  it('explains a network failure', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/Could not reach the server/)
  })

  it('falls back to a generic sentence', () => {
    expect(errorMessage(null)).toBe('Something went wrong. Please try again.')
  })
})
