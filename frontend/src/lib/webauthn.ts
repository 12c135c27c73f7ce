import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser'

/** A browser's answer to a WebAuthn ceremony, as the API takes it. */
export type PasskeyAnswer = { [key: string]: unknown }

// @simplewebauthn/browser loads on first use: /login renders without it.
const browser = () => import('@simplewebauthn/browser')

/** Whether this browser can use passkeys at all (WebAuthn in a secure context). */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function'
}

/** Asks the authenticator for a new passkey with the server's registration options. */
export async function createPasskey(options: { [key: string]: unknown }): Promise<PasskeyAnswer> {
  const { startRegistration } = await browser()
  try {
    return answer(
      await startRegistration({
        optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
      }),
    )
  } catch (error) {
    throw new Error(ceremonyMessage(error, 'create'))
  }
}

/** Asks the authenticator to sign the server's challenge with one of its passkeys. */
export async function signWithPasskey(options: { [key: string]: unknown }): Promise<PasskeyAnswer> {
  const { startAuthentication } = await browser()
  try {
    return answer(
      await startAuthentication({
        optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
      }),
    )
  } catch (error) {
    throw new Error(ceremonyMessage(error, 'get'))
  }
}

// The library's response types are interfaces; the API takes any JSON object.
function answer(response: object): PasskeyAnswer {
  return { ...response }
}

/** The browser's refusals, in words a person can act on. */
export function ceremonyMessage(error: unknown, ceremony: 'create' | 'get'): string {
  const name = error instanceof Error ? error.name : ''
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return 'The passkey request was cancelled or timed out. Try again.'
  }
  if (name === 'InvalidStateError' && ceremony === 'create') {
    return 'This device already holds a passkey for your account.'
  }
  if (name === 'SecurityError') {
    return 'Passkeys do not work on this address. Open the dashboard at its usual address.'
  }
  return ceremony === 'create'
    ? 'The passkey could not be created on this device.'
    : 'No passkey could be used on this device.'
}
