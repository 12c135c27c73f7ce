import { describe, expect, it } from 'vitest'
import { readOneOf, readUuid, validatePageSearch } from './search-params'

describe('search params', () => {
  it('reads a page number and leaves page 1 out of the URL', () => {
    expect(validatePageSearch({ page: '3' })).toEqual({ page: 3 })
    expect(validatePageSearch({ page: 1 })).toEqual({ page: undefined })
  })

  it.each([['0'], ['-2'], ['2.5'], ['abc'], [undefined]])('ignores the page %s', (page) => {
    expect(validatePageSearch({ page })).toEqual({ page: undefined })
  })

  it('accepts only listed values', () => {
    expect(readOneOf(['a', 'b'] as const, 'b')).toBe('b')
    expect(readOneOf(['a', 'b'] as const, 'c')).toBeUndefined()
  })

  it('accepts only UUIDs as ids', () => {
    expect(readUuid('0b6c7f4e-9d2a-4b1e-8f3c-2a1d5e6f7a8b')).toBeDefined()
    expect(readUuid('1 OR 1=1')).toBeUndefined()
  })
})
