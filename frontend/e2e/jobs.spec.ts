import { randomUUID } from 'node:crypto'
import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { accessToken, admin, createUser } from './support/api'
import { expectAccessible } from './support/axe'
import { apiUrl } from './support/env'
import { waitForMail } from './support/mail'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

async function adminHeaders(request: APIRequestContext) {
  return { Authorization: `Bearer ${await accessToken(request, admin)}` }
}

/**
 * Sends a test email through the queue to an address of its own domain, which
 * the job's summary shows ("to @domain"), and gives that summary.
 */
async function sendTestEmail(request: APIRequestContext): Promise<string> {
  const domain = `jobs-${randomUUID().slice(0, 8)}.example.com`
  const response = await request.post(`${apiUrl}/api/v1/utils/test-email/`, {
    headers: await adminHeaders(request),
    params: { email_to: `someone@${domain}` },
  })
  expect(response.status(), await response.text()).toBe(201)
  await waitForMail(request, domain)
  return `to @${domain}`
}

async function succeededCount(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${apiUrl}/api/v1/jobs/counts`, {
    headers: await adminHeaders(request),
  })
  const counts: { succeeded: number } = await response.json()
  return counts.succeeded
}

/** The number a state's card shows ("Succeeded, 3 jobs"). */
async function cardCount(card: Locator): Promise<number> {
  const label = (await card.getAttribute('aria-label')) ?? ''
  return Number(/, (\d+) jobs?$/.exec(label)?.[1] ?? Number.NaN)
}

function stateCard(page: Page, state: string): Locator {
  return page
    .getByRole('navigation', { name: 'Jobs by state' })
    .getByRole('link', { name: new RegExp(`^${state}, \\d+ jobs?$`) })
}

test('a test email shows up on its own as a succeeded job, and the counts follow', async ({
  page,
  request,
}) => {
  const before = await succeededCount(request)
  await logIn(page, admin)
  await page.getByRole('link', { name: 'Jobs', exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible()

  // No reload: the page asks again every few seconds.
  const summary = await sendTestEmail(request)
  const row = page.getByRole('row', { name: new RegExp(summary.replaceAll('.', '\\.')) })
  await expect(row).toBeVisible({ timeout: 15_000 })
  await expect(row.getByTitle('succeeded')).toHaveText('Succeeded')
  await expect(row.getByRole('link', { name: 'send_email' })).toBeVisible()
  await expect(row.getByRole('button')).toHaveCount(0)
  await expect
    .poll(() => cardCount(stateCard(page, 'Succeeded')), { timeout: 15_000 })
    .toBeGreaterThan(before)
})

test('a mail the server refuses retries; a superuser cancels it, then retries it', async ({
  page,
  request,
}) => {
  // The mail catcher refuses the mailbox "bounce", as a server refuses an
  // unknown mailbox.
  const domain = `refused-${randomUUID().slice(0, 8)}.example.com`
  const response = await request.post(`${apiUrl}/api/v1/utils/test-email/`, {
    headers: await adminHeaders(request),
    params: { email_to: `bounce@${domain}` },
  })
  expect(response.status(), await response.text()).toBe(201)
  await logIn(page, admin)
  await page.goto('/jobs?kind=send_email')
  const row = page.getByRole('row', { name: new RegExp(`to @${domain.replaceAll('.', '\\.')}`) })
  await expect(row.getByTitle('retrying')).toBeVisible({ timeout: 15_000 })
  await expect(row).toContainText('refused')
  // A long error and every state card fit the window; a wide table scrolls in its frame.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBeLessThanOrEqual(0)
  await expect(stateCard(page, 'Cancelled')).toBeInViewport({ ratio: 1 })

  await row.getByRole('button', { name: `Cancel send_email to @${domain}` }).click()
  await expect(page.getByText('send_email cancelled')).toBeVisible()
  await expect(row.getByTitle('cancelled')).toBeVisible()

  await row.getByRole('button', { name: `Retry send_email to @${domain}` }).click()
  await expect(page.getByText('send_email queued again')).toBeVisible()
  await expect(row.getByTitle('cancelled')).toBeHidden()
  await expect(row.getByRole('button', { name: /^Retry / })).toBeHidden()
})

test('a state card and a kind narrow the list, in the URL', async ({ page, request }) => {
  const summary = await sendTestEmail(request)
  await logIn(page, admin)
  await page.goto('/jobs')

  await stateCard(page, 'Succeeded').click()
  await expect(page).toHaveURL(/state=succeeded/)
  await expect(stateCard(page, 'Succeeded')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('row').nth(1).getByTitle('succeeded')).toBeVisible()

  await page.getByRole('link', { name: 'send_email' }).first().click()
  await expect(page).toHaveURL(/kind=send_email/)
  await expect(page.getByText(/^Only send_email jobs\.$/)).toBeVisible()
  await expect(page.getByRole('row', { name: new RegExp(summary) }).first()).toBeVisible()

  await stateCard(page, 'Cancelled').click()
  await expect(page).not.toHaveURL(/kind=/)
  await page.goto('/jobs?state=running&kind=no_such_kind')
  await expect(page.getByText('No jobs match these filters.')).toBeVisible()
  await page.getByRole('link', { name: 'Show every kind' }).click()
  await expect(page).toHaveURL(/state=running/)
  await expect(page).not.toHaveURL(/kind=/)
})

test('a page past the last one goes to the last, the filters kept', async ({ page, request }) => {
  await sendTestEmail(request)
  await logIn(page, admin)
  await page.goto('/jobs?state=succeeded&page=99')
  await expect(page).not.toHaveURL(/page=99/)
  await expect(page).toHaveURL(/state=succeeded/)
  await expect(page.getByRole('row').nth(1).getByTitle('succeeded')).toBeVisible()
})

test('the page with jobs on it has no accessibility violation', async ({ page, request }) => {
  test.setTimeout(90_000) // four scans, each a few seconds on a busy runner
  const summary = await sendTestEmail(request)
  await logIn(page, admin)
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.goto('/jobs?kind=send_email')
    await expect(page.getByText(summary).first()).toBeAttached()
    await expect(page.locator('html')).toHaveClass(colorScheme === 'dark' ? /dark/ : /^(?!.*dark)/)
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport)
      await expectAccessible(page, `jobs (${colorScheme}, ${viewport.width} px)`)
    }
  }
})

test('a normal user has no Jobs link and is sent away from /jobs', async ({ page, request }) => {
  await logIn(page, await createUser(request))
  await expect(page.getByRole('link', { name: 'Jobs', exact: true })).toHaveCount(0)
  await page.goto('/jobs')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { level: 1, name: /^Hi, / })).toBeVisible()
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('each job is a card showing every field', async ({ page, request }) => {
    const summary = await sendTestEmail(request)
    await logIn(page, admin)
    await page.goto('/jobs?kind=send_email&state=succeeded')

    await expect(page.getByRole('table')).toBeHidden()
    const card = page
      .getByRole('list', { name: 'Jobs', exact: true })
      .getByRole('listitem', { name: 'send_email, Succeeded' })
      .filter({ hasText: summary })
    for (const text of ['Summary', summary, 'Attempts', 'Last error', 'Created', 'Finished']) {
      await expect(card).toContainText(text)
    }
    await expect(card.getByTitle('succeeded')).toBeVisible()
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
  })
})
