import { accessToken, createUser, revokeOtherSessions, uniqueEmail } from './support/api'
import { apiUrl } from './support/env'
import { linkTo, waitForMail, waitForMails } from './support/mail'
import { expect, test } from './support/test'
import { logIn, logOut } from './support/ui'

test('wrong password shows the server error and stays on /login', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400 .*\/login\/access-token$/)
  const user = await createUser(request)
  await page.goto('/login')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill('not-the-password')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password')
  await expect(page).toHaveURL(/\/login/)
})

test('a blocked login says when to try again and offers password recovery', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 429 .*\/login\/access-token$/)
  const user = await createUser(request)
  // The suite runs without rate limits: answer as the API does once an
  // account has had too many failures, keeping the API's own CORS headers.
  await page.route('**/api/v1/login/access-token', async (route) => {
    const response = await route.fetch()
    await route.fulfill({
      status: 429,
      headers: { ...response.headers(), 'retry-after': '840' },
      json: { detail: 'Too many attempts; try again later' },
    })
  })
  await page.goto('/login')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Too many attempts. Try again in 14 minutes')
  await alert.getByRole('link', { name: 'Reset your password' }).click()
  await expect(page).toHaveURL(/\/recover-password$/)
})

test('a logged-out visit does not try to restore a session it never had', async ({ page }) => {
  const refreshes: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('/login/refresh')) refreshes.push(request.url())
  })
  await page.goto('/settings')
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await page.goto('/signup')
  await expect(page.getByRole('button', { name: 'Sign up' })).toBeVisible()
  expect(refreshes).toEqual([])
})

test('invalid input is reported next to the field before any request', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText('Enter a valid email address')).toBeVisible()
  await expect(page.getByText('Enter your password')).toBeVisible()
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true')
})

test('log in greets the user, log out returns to /login and guards pages again', async ({
  page,
  request,
}) => {
  const user = await createUser(request, { fullName: 'Ada Lovelace' })
  await logIn(page, user)
  await expect(page.getByRole('heading', { name: 'Hi, Ada Lovelace 👋' })).toBeVisible()
  await logOut(page)
  await page.goto('/settings')
  await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings/)
})

test('after logging in the user lands where they were going', async ({ page, request }) => {
  const user = await createUser(request)
  await page.goto('/settings?tab=password')
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/settings\?tab=password$/)
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible()
})

test('sign up, log in, then confirm the address from the email', async ({ page, request }) => {
  const email = uniqueEmail('signup')
  await page.goto('/signup')
  await page.getByLabel('Full name').fill('Grace Hopper')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill('Nanosecond-W1re')
  await page.getByLabel('Confirm password').fill('Nanosecond-W1re')
  await page.getByRole('button', { name: 'Sign up' }).click()
  // The same page a taken address gets when verification is required: nothing
  // on it says whether an account was created.
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText(
    `We sent an email to ${email}. Follow the link in it to confirm your address, then log in.`,
  )
  await expect(page.getByText(/created/i)).toHaveCount(0)
  await page.getByRole('link', { name: 'Go to the login page' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await logIn(page, { email, password: 'Nanosecond-W1re' })
  await expect(page.getByRole('heading', { name: 'Hi, Grace Hopper 👋' })).toBeVisible()

  const banner = page.getByRole('region', { name: 'Email confirmation' })
  await expect(banner).toContainText('Please confirm your email address')
  const link = linkTo(await waitForMail(request, email), '/verify-email')
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
  await expect(page.getByRole('status')).toHaveText('Your email address is confirmed. Thank you!')
  await page.getByRole('link', { name: 'Go to the dashboard' }).click()
  await expect(page.getByRole('heading', { name: 'Hi, Grace Hopper 👋' })).toBeVisible()
  await expect(banner).toBeHidden()
})

test('a sign-up sent from another page comes back to it once confirmed and logged in', async ({
  page,
  request,
}) => {
  const email = uniqueEmail('returning')
  await page.goto(`/signup?${new URLSearchParams({ email, redirect: '/settings?tab=password' })}`)
  await expect(page.getByLabel('Email')).toHaveValue(email)
  await page.getByLabel('Password', { exact: true }).fill('Nanosecond-W1re')
  await page.getByLabel('Confirm password').fill('Nanosecond-W1re')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible()

  const link = linkTo(await waitForMail(request, email), '/verify-email')
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
  await expect(page.getByRole('status')).toHaveText('Your email address is confirmed. Thank you!')
  await page.getByRole('link', { name: 'Log in to continue' }).click()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill('Nanosecond-W1re')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/settings\?tab=password$/)
})

test('a sign-up return path that leaves the dashboard is dropped', async ({ page }) => {
  for (const elsewhere of ['https://evil.example/accept', '//evil.example/accept']) {
    await page.goto(`/signup?${new URLSearchParams({ redirect: elsewhere })}`)
    await expect(page.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login')
  }
})

test('sign up refuses mismatched passwords', async ({ page }) => {
  await page.goto('/signup')
  await page.getByLabel('Email').fill(uniqueEmail())
  await page.getByLabel('Password', { exact: true }).fill('Nanosecond-W1re')
  await page.getByLabel('Confirm password').fill('something-else')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByText('The passwords do not match')).toBeVisible()
})

test('recover the password through the link in the email', async ({ page, request }) => {
  const user = await createUser(request)
  await page.goto('/recover-password')
  await page.getByLabel('Email').fill(user.email)
  await page.getByRole('button', { name: 'Send recovery link' }).click()
  await expect(page.getByRole('status')).toContainText(user.email)

  const link = linkTo(await waitForMail(request, user.email), '/reset-password')
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
  await page.getByLabel('New password', { exact: true }).fill('Brand-New-Passw0rd')
  await page.getByLabel('Confirm password').fill('Brand-New-Passw0rd')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await logIn(page, { email: user.email, password: 'Brand-New-Passw0rd' })
})

test('a confirmation link opened again says it was used and offers to log in', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400 .*\/verify-email$/)
  const email = uniqueEmail('twice')
  const signup = await request.post(`${apiUrl}/api/v1/users/signup`, {
    data: { email, password: 'Nanosecond-W1re' },
  })
  expect(signup.ok()).toBe(true)
  const link = linkTo(await waitForMail(request, email), '/verify-email').replace(
    /^https?:\/\/[^/]+/,
    '',
  )
  await page.goto(link)
  await expect(page.getByRole('status')).toHaveText('Your email address is confirmed. Thank you!')
  await page.goto(link)
  await expect(page.getByRole('alert')).toHaveText(
    'This link was already used: your email address is confirmed, so you can log in',
  )
  await page.getByRole('link', { name: 'Log in', exact: true }).click()
  await expect(page).toHaveURL(/\/login$/)
})

test('a refused confirmation link offers a new one, and the new link confirms the address', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400 .*\/verify-email$/)
  const email = uniqueEmail('cut-short')
  const password = 'Nanosecond-W1re'
  const signup = await request.post(`${apiUrl}/api/v1/users/signup`, {
    data: { email, password },
  })
  expect(signup.ok()).toBe(true)
  const first = linkTo(await waitForMail(request, email), '/verify-email')
  // The link as a mail program might cut it: its token short of its end.
  await page.goto(first.replace(/^https?:\/\/[^/]+/, '').slice(0, -6))
  await expect(page.getByRole('alert')).toHaveText(
    'This link is not valid: check that you opened the whole link from the email, or ask for a new one',
  )

  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Send a new link' }).click()
  await expect(page.getByRole('status')).toHaveText(
    `If ${email} still needs confirming, a new link is on its way.`,
  )
  const [newest] = await waitForMails(request, email, 2)
  if (!newest) throw new Error('unreachable')
  const second = linkTo(newest, '/verify-email')
  expect(second).not.toBe(first)
  await page.goto(second.replace(/^https?:\/\/[^/]+/, ''))
  await expect(page.getByRole('status')).toHaveText('Your email address is confirmed. Thank you!')

  const me = await request.get(`${apiUrl}/api/v1/users/me`, {
    headers: { Authorization: `Bearer ${await accessToken(request, { email, password })}` },
  })
  expect(await me.json()).toMatchObject({ email, is_verified: true })
})

test('a password link used twice says so above the form and offers a new link', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 400 .*\/reset-password\/$/)
  const user = await createUser(request)
  await request.post(`${apiUrl}/api/v1/password-recovery`, { data: { email: user.email } })
  const link = linkTo(await waitForMail(request, user.email), '/reset-password')
  const token = new URL(link).searchParams.get('token') ?? ''
  const used = await request.post(`${apiUrl}/api/v1/reset-password/`, {
    data: { token, new_password: 'Brand-New-Passw0rd' },
  })
  expect(used.ok()).toBe(true)
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
  await page.getByLabel('New password', { exact: true }).fill('Another-New-Passw0rd')
  await page.getByLabel('Confirm password').fill('Another-New-Passw0rd')
  await page.getByRole('button', { name: 'Set new password' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('This link was already used: log in with your new password')
  await expect(page.getByLabel('New password', { exact: true })).not.toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await alert.getByRole('link', { name: 'Ask for a new link' }).click()
  await expect(page).toHaveURL(/\/recover-password$/)
})

test('the session survives a reload without any token in web storage', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await logIn(page, user)
  const settingsHeading = page.getByRole('heading', { name: 'User settings', exact: true })
  await page.goto('/settings')
  // Each full load refreshes the session; reloading while that request is in
  // flight would make the server see its rotated token reused.
  await expect(settingsHeading).toBeVisible()
  await page.reload()
  await expect(settingsHeading).toBeVisible()
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))
  expect(stored).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./)
})

test('a session revoked elsewhere sends the user to /login on the next request', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 401 .*\/(users\/me\/sessions|login\/refresh)/)
  const user = await createUser(request)
  await logIn(page, user)
  await page.getByRole('link', { name: 'User settings' }).first().click()
  // The page's own requests done first, so that the click makes the next one.
  await page.waitForLoadState('networkidle')
  await revokeOtherSessions(request, user)
  await page.getByRole('tab', { name: 'Sessions' }).click()
  await expect(page).toHaveURL(/\/login\?redirect=%2Fsettings/)
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible()
})

test('an expired refresh cookie sends the user to /login after a reload', async ({
  page,
  request,
  consoleErrors,
}) => {
  // The browser still holds the mark of a session, so it asks once.
  consoleErrors.allow(/status of 401 .*\/login\/refresh$/)
  const user = await createUser(request)
  await logIn(page, user)
  await page.context().clearCookies()
  await page.reload()
  await expect(page).toHaveURL(/\/login/)
})

test('a too long email is refused with the limit, in words for people', async ({ page }) => {
  await page.goto('/signup')
  await page.getByLabel('Email').fill(`${'a'.repeat(290)}@example.com`)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(
    'An email address can be at most 254 characters',
  )
})
