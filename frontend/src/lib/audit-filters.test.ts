import { describe, expect, it } from 'vitest'
import { filtersToQuery, hasFilters, rangeProblem, readDay } from './audit-filters'

describe('days in the URL', () => {
  it('reads a calendar day', () => {
    expect(readDay('2026-02-28')).toBe('2026-02-28')
  })

  it.each([['2026-02-30'], ['2026-2-3'], ['yesterday'], ['0099-01-01'], [20260101], [undefined]])(
    'ignores %s',
    (value) => {
      expect(readDay(value)).toBeUndefined()
    },
  )
})

describe('the date range', () => {
  it('takes one day as a range', () => {
    expect(rangeProblem({ from: '2026-01-05', to: '2026-01-05' })).toBeNull()
  })

  it('says when it ends before it starts', () => {
    expect(rangeProblem({ from: '2026-01-05', to: '2026-01-04' })).toMatch(/before/)
  })

  it('asks the API for whole local days, the last one included', () => {
    const query = filtersToQuery({ from: '2026-01-05', to: '2026-01-06' })
    expect(query.since).toBe(new Date(2026, 0, 5).toISOString())
    expect(query.before).toBe(new Date(2026, 0, 7).toISOString())
  })

  it('leaves out an end past the last day the API knows', () => {
    expect(filtersToQuery({ to: '9999-12-31' }).before).toBeUndefined()
  })

  it('passes the address and the action as they are', () => {
    expect(filtersToQuery({ email: 'ann@example.com', action: 'login' })).toEqual({
      email: 'ann@example.com',
      action: 'login',
      since: undefined,
      before: undefined,
    })
  })

  it('knows when any filter is set', () => {
    expect(hasFilters({})).toBe(false)
    expect(hasFilters({ email: undefined, to: '2026-01-01' })).toBe(true)
  })
})
