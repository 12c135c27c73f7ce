import { createUser } from './support/api'
import { expect, test } from './support/test'
import { totp } from './support/totp'
import { logIn, logOut } from './support/ui'
import { addPasskey, addVirtualAuthenticator } from './support/webauthn'

const welcome = /^Hi, /

test('a passkey stands in for the authenticator code after the password', async ({
  page,
  request,
}) => {
  await addVirtualAuthenticator(page)
  const user = await createUser(request)
  await logIn(page, user)
  await addPasskey(page, 'Security key')
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click()
  const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent()) ?? ''
  await page.getByLabel('Code from the app').fill(totp(secret))
  await page.getByRole('button', { name: 'Turn on' }).click()
  await page.getByRole('button', { name: 'I have saved them' }).click()
  await logOut(page)

  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('button', { name: 'Use a passkey instead' }).click()

  await expect(page.getByRole('heading', { level: 1, name: welcome })).toBeVisible()
})
