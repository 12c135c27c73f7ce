import type { Page } from '@playwright/test'

/**
 * Gives the page a passkey authenticator: Chromium's virtual one, through the DevTools
 * protocol. It behaves like a phone's or a laptop's (internal transport, resident keys,
 * a verified user) and answers every request at once, with no prompt.
 */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
}

/** Adds a passkey from Settings → Security; the page must be signed in. */
export async function addPasskey(page: Page, name: string): Promise<void> {
  await page.goto('/settings?tab=security')
  await page.getByLabel('Name for a new passkey').fill(name)
  await page.getByRole('button', { name: 'Add a passkey' }).click()
  await page.getByRole('list', { name: 'Your passkeys' }).getByText(name, { exact: true }).waitFor()
}
