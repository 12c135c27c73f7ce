import { describe, expect, it } from 'vitest'
import { isSlug, SLUG_MAX_LENGTH, slugFromName } from './slug'

describe('slugFromName', () => {
  it('lower-cases words and joins them with single hyphens', () => {
    expect(slugFromName('Acme Labs, Inc.')).toBe('acme-labs-inc')
  })

  it('keeps accented letters without their accents', () => {
    expect(slugFromName('Café Zürich')).toBe('cafe-zurich')
  })

  it('drops hyphens at either end', () => {
    expect(slugFromName('  -- The Club! --')).toBe('the-club')
  })

  it('suggests nothing for a name without letters or digits', () => {
    expect(slugFromName('★★★')).toBe('')
  })

  it('stays within the longest address the API takes, without a trailing hyphen', () => {
    const slug = slugFromName(`${'a'.repeat(SLUG_MAX_LENGTH - 1)} b`)
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(isSlug(slug)).toBe(true)
  })
})

describe('isSlug', () => {
  it.each(['acme', 'acme-labs', 'a1-b2'])('accepts %s', (value) => {
    expect(isSlug(value)).toBe(true)
  })

  it.each(['Acme', 'acme--labs', '-acme', 'acme-', 'acme labs', ''])('refuses "%s"', (value) => {
    expect(isSlug(value)).toBe(false)
  })
})
