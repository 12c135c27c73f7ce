import { createUser } from './support/api'
import { apiUrl, mailUrl, projectName } from './support/env'
import { waitForMail } from './support/mail'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

test('the project name is the same in the tab, the login card, the header and the emails', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await page.goto('/login')
  await expect(page).toHaveTitle(`Log in · ${projectName}`)
  await expect(page.getByText(projectName, { exact: true })).toBeVisible()

  await logIn(page, user)
  await expect(page).toHaveTitle(`Dashboard · ${projectName}`)
  await expect(page.getByRole('link', { name: projectName, exact: true }).first()).toBeVisible()

  await request.post(`${apiUrl}/api/v1/password-recovery`, { data: { email: user.email } })
  const mail = await waitForMail(request, user.email)
  expect(mail.subject.startsWith(`${projectName} - `)).toBe(true)

  await page.goto(mailUrl)
  await expect(page).toHaveTitle(`Mail catcher · ${projectName}`)
})
