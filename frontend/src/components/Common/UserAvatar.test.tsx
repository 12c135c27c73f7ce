import { describe, expect, it } from 'vitest'
import { initials } from './UserAvatar'

describe('initials', () => {
  it('takes the first and last names’ first letters', () => {
    expect(initials({ full_name: 'Ada King Lovelace', email: 'ada@example.com' })).toBe('AL')
  })

  it('takes one letter of a single name', () => {
    expect(initials({ full_name: 'ada', email: 'ada@example.com' })).toBe('A')
  })

  it('falls back to the email without a name', () => {
    expect(initials({ full_name: '  ', email: 'zed@example.com' })).toBe('Z')
    expect(initials({ full_name: null, email: 'zed@example.com' })).toBe('Z')
  })
})
