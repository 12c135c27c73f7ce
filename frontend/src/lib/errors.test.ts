import { describe, expect, it } from 'vitest'
import { errorMessage } from './errors'

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

  it('explains a network failure', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/Could not reach the server/)
  })

  it('falls back to a generic sentence', () => {
    expect(errorMessage(null)).toBe('Something went wrong. Please try again.')
  })
})
