import { describe, expect, it } from 'vitest'
import { describeDevice } from './user-agent'

describe('describeDevice', () => {
  it('names browser and system', () => {
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
    expect(describeDevice(firefox)).toBe('Firefox on Linux')
  })

  it('tells Edge apart from the Chrome it contains', () => {
    const edge =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0'
    expect(describeDevice(edge)).toBe('Edge on Windows')
  })

  it('admits when it does not know', () => {
    expect(describeDevice(null)).toBe('Unknown device')
  })
})
