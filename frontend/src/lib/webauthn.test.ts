import { describe, expect, it } from 'vitest'
import { ceremonyMessage } from './webauthn'

const refusal = (name: string) => Object.assign(new Error('browser text'), { name })

describe("the browser's passkey refusals, in words", () => {
  it('says a dismissed or timed-out prompt was cancelled', () => {
    expect(ceremonyMessage(refusal('NotAllowedError'), 'get')).toMatch(/cancelled or timed out/)
  })

  it('says the device holds a passkey already when adding one twice', () => {
    expect(ceremonyMessage(refusal('InvalidStateError'), 'create')).toBe(
      'This device already holds a passkey for your account.',
    )
  })

  it('points at the address when the origin is not the relying party', () => {
    expect(ceremonyMessage(refusal('SecurityError'), 'create')).toMatch(/usual address/)
  })

  it('falls back to what could not be done, never the browser text', () => {
    expect(ceremonyMessage(new Error('browser text'), 'get')).toBe(
      'No passkey could be used on this device.',
    )
    expect(ceremonyMessage('odd', 'create')).toBe(
      'The passkey could not be created on this device.',
    )
  })
})
