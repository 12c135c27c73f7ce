import type { Page } from '@playwright/test'
import { createItems, createUser } from './support/api'
import { expectAccessible } from './support/axe'
import { expect, test } from './support/test'
import { logIn } from './support/ui'

// A 1×1 PNG: the server crops and resizes it to its fixed sizes.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const NOTES = Buffer.from('Minutes of the meeting\n'.repeat(40_000)) // about 900 kB

/** Slow the page's uploads so that their progress can be seen, and cancelled. */
async function throttleUploads(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  })
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} mode`, () => {
    test.use({ colorScheme: theme })

    test('a profile picture is previewed, saved, shown in the menu and removed', async ({
      page,
      request,
    }) => {
      await logIn(page, await createUser(request, { fullName: 'Ada Lovelace' }))
      await page.goto('/settings')
      const menu = page.getByRole('button', { name: 'User menu' })
      await expect(menu.getByText('AL')).toBeVisible()

      await page.getByLabel('Choose a profile picture').setInputFiles({
        name: 'me.png',
        mimeType: 'image/png',
        buffer: PIXEL_PNG,
      })
      await expect(page.getByRole('img', { name: 'Your new avatar' })).toBeVisible()
      await expectAccessible(page, `avatar preview (${theme})`)
      await page.getByRole('button', { name: 'Save picture' }).click()
      await expect(page.getByText('Profile picture saved')).toBeVisible()
      await expect(menu.locator('img')).toHaveJSProperty('complete', true)
      await expect(menu.getByText('AL')).toBeHidden()

      await page.getByRole('button', { name: 'Remove' }).click()
      const removed = page.getByText('Profile picture removed')
      await expect(removed).toBeVisible()
      await expect(menu.getByText('AL')).toBeVisible()
      // The toast fades out; scanned mid-fade its text fails the contrast check.
      await expect(removed).toBeHidden({ timeout: 15_000 })
      await expectAccessible(page, `profile tab with storage use (${theme})`)
    })

    test('files are attached with progress, cancelled, downloaded and deleted', async ({
      page,
      request,
    }) => {
      const user = await createUser(request)
      const title = `Board meeting (${theme})`
      await createItems(request, user, [title])
      await logIn(page, user)
      await page.goto('/items')
      await page.getByRole('button', { name: `Attachments of ${title}` }).click()
      const dialog = page.getByRole('dialog', { name: 'Attachments' })
      await expect(dialog.getByText('No attachments yet.')).toBeVisible()

      await throttleUploads(page, 100_000)
      const picker = dialog.getByLabel('Choose files to attach')
      await picker.setInputFiles({ name: 'draft.txt', mimeType: 'text/plain', buffer: NOTES })
      const draft = dialog.getByRole('progressbar', { name: 'Uploading draft.txt' })
      await expect(draft).toBeVisible()
      await expectAccessible(page, `attachments uploading (${theme})`)
      await dialog.getByRole('button', { name: 'Cancel draft.txt' }).click()
      await expect(draft).toBeHidden()

      await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: NOTES })
      const notes = dialog.getByRole('progressbar', { name: 'Uploading notes.txt' })
      await expect(notes).toBeVisible()
      await expect.poll(async () => Number(await notes.getAttribute('value'))).toBeGreaterThan(0)
      await throttleUploads(page, null)
      const attached = dialog.getByRole('list', { name: 'Attachments' })
      await expect(attached.getByText('notes.txt')).toBeVisible({ timeout: 30_000 })
      await expect(attached.getByText('text/plain · 920 KB')).toBeVisible()
      await expect(attached.getByText('draft.txt')).toBeHidden()
      await expectAccessible(page, `attachments listed (${theme})`)

      const download = page.waitForEvent('download')
      await dialog.getByRole('button', { name: 'Download notes.txt' }).click()
      expect((await download).suggestedFilename()).toBe('notes.txt')

      await dialog.getByRole('button', { name: 'Delete notes.txt' }).click()
      await page
        .getByRole('alertdialog', { name: 'Delete attachment?' })
        .getByRole('button', { name: 'Delete' })
        .click()
      await expect(page.getByText('Attachment deleted')).toBeVisible()
      await expect(dialog.getByText('No attachments yet.')).toBeVisible()
    })
  })
}
