import { describe, expect, it } from 'vitest'
import { activitySummary, eventsText, formatDay } from './activity'

describe('formatDay', () => {
  it('reads the API day as a UTC day, whatever the browser time zone', () => {
    // West of Greenwich a local reading would give the 2nd.
    expect(formatDay('2026-12-03')).toContain('3')
    expect(formatDay('2026-12-03')).not.toContain('2')
  })
})

describe('eventsText', () => {
  it('says event for one and events otherwise', () => {
    expect(eventsText(1)).toBe('1 event')
    expect(eventsText(0)).toBe('0 events')
    expect(eventsText(12)).toBe('12 events')
  })
})

describe('activitySummary', () => {
  it('says so when nothing happened', () => {
    const quiet = [
      { day: '2026-12-01', events: 0 },
      { day: '2026-12-02', events: 0 },
    ]
    expect(activitySummary(quiet)).toBe('No events in the last 2 days.')
  })

  it('gives the total and the first of the busiest days', () => {
    const text = activitySummary([
      { day: '2026-12-01', events: 2 },
      { day: '2026-12-02', events: 5 },
      { day: '2026-12-03', events: 5 },
    ])
    expect(text).toMatch(
      /^12 events in the last 3 days; the busiest day was .*2.*, with 5 events\.$/,
    )
  })
})
