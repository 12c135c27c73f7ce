import { describe, expect, it } from 'vitest'
import { formatBytes } from './bytes'

describe('formatBytes', () => {
  it('counts small files in bytes', () => {
    expect(formatBytes(0)).toBe('0 bytes')
    expect(formatBytes(999)).toBe('999 bytes')
  })

  it('moves to the next unit at a thousand, with one decimal below a hundred', () => {
    expect(formatBytes(1000)).toBe('1.0 KB')
    expect(formatBytes(4_200_000)).toBe('4.2 MB')
    expect(formatBytes(250_000_000)).toBe('250 MB')
    expect(formatBytes(5_000_000_000)).toBe('5.0 GB')
  })
})
