import { describe, expect, it } from 'vitest'
import { formatDateTime, formatRelative } from './format'

const now = Date.parse('2026-01-15T12:00:00Z')
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString()

describe('formatRelative', () => {
  it('says "just now" under a minute, either way', () => {
    expect(formatRelative(ago(59), now)).toBe('just now')
    expect(formatRelative(ago(-30), now)).toBe('just now')
  })

  it('counts minutes, hours and days', () => {
    const words = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
    expect(formatRelative(ago(5 * 60), now)).toBe(words.format(-5, 'minute'))
    expect(formatRelative(ago(3 * 3600), now)).toBe(words.format(-3, 'hour'))
    expect(formatRelative(ago(2 * 86400), now)).toBe(words.format(-2, 'day'))
  })

  it('gives the date past a week', () => {
    const old = ago(8 * 86400)
    expect(formatRelative(old, now)).toBe(formatDateTime(old))
  })
})
