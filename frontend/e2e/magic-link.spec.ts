import { createUser } from './support/api'
import { waitForMail } from './support/mail'
import { expect, test } from './support/test'

test('sign in with a link sent by email', async ({ page, request }) => {
  const user = await createUser(request)
  await page.goto('/login')
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
  await page.getByLabel('Email for the sign-in link').fill(user.email)
  await page.getByRole('button', { name: 'Send the link' }).click()
  await expect(page.getByRole('status')).toContainText('If that account exists')

  const mail = await waitForMail(request, user.email)
  const body = `${mail.html ?? ''}\n${mail.text ?? ''}`
  const link = body.match(/https?:\/\/[^"'\s<>]+\/login\?magic=[^"'\s<>]+/)?.[0] ?? ''
  await page.goto(link.replaceAll('&amp;', '&'))

  await expect(page.getByRole('heading', { level: 1, name: /^Hi, / })).toBeVisible()
})
