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
// 200×100: a red square beside a blue one.
const RED_THEN_BLUE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAMgAAABkCAIAAABM5OhcAAAAyklEQVR42u3SMREAAAjEMB7/nsECI0MioddMcZVS66olwFgYC2OBsTAWxgJjYSyMBcbCWBgLjIWxMBYYC2NhLDAWxsJYYCyMhbHAWBgLY4GxMBbGAmNhLIwFxsJYGAuMhbEwFhgLY2EsMBbGwlhgLIyFscBYGAtjgbEwFsYCY2EsjAXGwlgYC4yFsTAWGAtjYSwwFsbCWGAsjIWxwFgYC2OBsTAWxgJjYSyMBcbCWBgLjIWxMBbGAmNhLIwFxsJYGAuMhbEwFhiL3xYtYwLHy/xPSAAAAABJRU5ErkJggg==',
  'base64',
)
const NOTES = Buffer.from('Minutes of the meeting\n'.repeat(40_000)) // about 900 kB
type Rgb = [number, number, number]
const RED: Rgb = [255, 0, 0]
const BLUE: Rgb = [0, 0, 255]

/** The colour at (x, y) of the preview canvas, or of the picture at an address. */
async function previewPixel(page: Page, x: number, y: number): Promise<Rgb> {
  return page.getByRole('img', { name: 'Your new avatar, as it will be cropped' }).evaluate(
    (canvas: HTMLCanvasElement, [px, py]) => {
      const data = canvas.getContext('2d')?.getImageData(px, py, 1, 1).data ?? []
      return [data[0], data[1], data[2]] as Rgb
    },
    [x, y] as const,
  )
}

async function storedPixel(page: Page, url: string, x: number, y: number): Promise<Rgb> {
  return page.evaluate(
    async ([address, px, py]) => {
      // Not from the cache: the <img> fetched it without CORS, so its copy cannot be read.
      const response = await fetch(address, { cache: 'no-store' })
      const bitmap = await createImageBitmap(await response.blob())
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const context = canvas.getContext('2d')
      context?.drawImage(bitmap, 0, 0)
      const data = context?.getImageData(px, py, 1, 1).data ?? []
      return [data[0], data[1], data[2]] as Rgb
    },
    [url, x, y] as const,
  )
}

function near(actual: Rgb, wanted: Rgb) {
  return actual.every((channel, i) => Math.abs(channel - (wanted[i] ?? 0)) <= 12)
}

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

    test('the square chosen in the preview is the picture kept, shown to the organization', async ({
      page,
      request,
    }) => {
      await logIn(page, await createUser(request, { fullName: 'Grace Hopper' }))
      await page.goto('/settings')
      await page.getByLabel('Choose a profile picture').setInputFiles({
        name: 'halves.png',
        mimeType: 'image/png',
        buffer: RED_THEN_BLUE_PNG,
      })
      // The centred square: red on the left, blue on the right.
      await expect.poll(async () => near(await previewPixel(page, 20, 128), RED)).toBe(true)
      expect(near(await previewPixel(page, 236, 128), BLUE)).toBe(true)

      const across = page.getByRole('slider', { name: 'Left to right' })
      await across.focus()
      await page.keyboard.press('End')
      await expect(across).toHaveValue('100')
      await expect.poll(async () => near(await previewPixel(page, 20, 128), BLUE)).toBe(true)
      await expectAccessible(page, `avatar crop (${theme})`)
      await page.getByRole('button', { name: 'Save picture' }).click()
      await expect(page.getByText('Profile picture saved')).toBeVisible()

      const menuPicture = page.getByRole('button', { name: 'User menu' }).locator('img')
      const address = await menuPicture.getAttribute('src')
      expect(address).toBeTruthy()
      for (const [x, y] of [
        [2, 2],
        [32, 32],
        [61, 61],
      ]) {
        expect(near(await storedPixel(page, address ?? '', x ?? 0, y ?? 0), BLUE)).toBe(true)
      }

      await page.goto('/organization?tab=members')
      const row = page.getByRole('row', { name: /Grace Hopper/ })
      await expect(row.locator('img')).toHaveAttribute('src', address ?? '')
      await expect(row.locator('img')).toHaveJSProperty('complete', true)
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
