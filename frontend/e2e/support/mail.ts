import { type APIRequestContext, expect } from '@playwright/test'
import { mailUrl } from './env'

export type CaughtMail = {
  recipients: string[]
  subject: string
  html: string | null
  text: string | null
}

/** Wait for the mail catcher to receive a mail for `recipient` and return it. */
export async function waitForMail(
  request: APIRequestContext,
  recipient: string,
): Promise<CaughtMail> {
  let found: CaughtMail | undefined
  await expect
    .poll(
      async () => {
        const response = await request.get(`${mailUrl}/api/messages`)
        const mails: CaughtMail[] = await response.json()
        found = mails.find((mail) => mail.recipients.some((to) => to.includes(recipient)))
        return found !== undefined
      },
      { message: `no mail for ${recipient}`, timeout: 10_000 },
    )
    .toBe(true)
  if (!found) throw new Error('unreachable')
  return found
}

/** Wait until the mail catcher holds `count` mails for `recipient`; they come newest first. */
export async function waitForMails(
  request: APIRequestContext,
  recipient: string,
  count: number,
): Promise<CaughtMail[]> {
  let found: CaughtMail[] = []
  await expect
    .poll(
      async () => {
        const response = await request.get(`${mailUrl}/api/messages`)
        const mails: CaughtMail[] = await response.json()
        found = mails.filter((mail) => mail.recipients.some((to) => to.includes(recipient)))
        return found.length
      },
      { message: `fewer than ${count} mails for ${recipient}`, timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(count)
  return found
}

/** The first link in the mail that points at `path` on the dashboard. */
export function linkTo(mail: CaughtMail, path: string): string {
  const body = `${mail.html ?? ''}\n${mail.text ?? ''}`
  const match = body.match(new RegExp(`https?://[^"'\\s<>]+${path}\\?token=[^"'\\s<>]+`))
  if (!match) throw new Error(`no ${path} link in mail "${mail.subject}"`)
  return match[0].replaceAll('&amp;', '&')
}
