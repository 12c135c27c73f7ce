import type { APIRequestContext, Page } from '@playwright/test'
import { accessToken, admin, createItems, createUser, type TestUser } from './support/api'
import { expectAccessible } from './support/axe'
import { apiUrl } from './support/env'
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
// The dashboard asks to send a file this large straight to storage (queries/files.ts).
const DIRECT_UPLOAD_FROM_BYTES = 8 * 1024 * 1024
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

/** Open the attachments dialog of the item called `title`, from the items page. */
async function openAttachments(page: Page, title: string) {
  await page.goto('/items')
  await page.getByRole('button', { name: `Attachments of ${title}` }).click()
  return page.getByRole('dialog', { name: 'Attachments' })
}

/** Plain text of exactly `size` bytes, as a file to attach. */
function textFile(name: string, size: number) {
  return { name, mimeType: 'text/plain', buffer: Buffer.alloc(size, 'Minutes of the meeting\n') }
}

/** Give `user` a profile picture through the API; returns the picture's id. */
async function setAvatar(request: APIRequestContext, user: TestUser): Promise<string> {
  const response = await request.put(`${apiUrl}/api/v1/users/me/avatar`, {
    headers: {
      Authorization: `Bearer ${await accessToken(request, user)}`,
      'Content-Type': 'image/png',
    },
    data: PIXEL_PNG,
  })
  expect(response.ok(), await response.text()).toBe(true)
  const saved: { avatar_id: string | null } = await response.json()
  expect(saved.avatar_id).toBeTruthy()
  return saved.avatar_id ?? ''
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
      // An upload, a cancel, a download, a deletion and an accessibility scan:
      // over 30 s on a busy runner (measured 31–33 s).
      test.setTimeout(90_000)
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

test('files dropped on the drop zone are attached and listed with their type and size', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await createItems(request, user, ['Site visit'])
  await logIn(page, user)
  const dialog = await openAttachments(page, 'Site visit')
  await expect(dialog.getByText('No attachments yet.')).toBeVisible()

  const dropped = await page.evaluateHandle(
    ([agenda, pictureBase64]) => {
      const picture = Uint8Array.from(atob(pictureBase64), (char) => char.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([agenda], 'agenda.txt', { type: 'text/plain' }))
      transfer.items.add(new File([picture], 'floor-plan.png', { type: 'image/png' }))
      return transfer
    },
    ['Agenda: budget, hiring\n', PIXEL_PNG.toString('base64')] as const,
  )
  const zone = dialog.getByRole('region', { name: 'Add attachments' })
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await zone.dispatchEvent(type, { dataTransfer: dropped })
  }

  const attached = dialog.getByRole('list', { name: 'Attachments' })
  const agenda = attached.getByRole('listitem').filter({ hasText: 'agenda.txt' })
  const plan = attached.getByRole('listitem').filter({ hasText: 'floor-plan.png' })
  await expect(agenda.getByText('text/plain · 23 bytes')).toBeVisible()
  await expect(plan.getByText('image/png · 70 bytes')).toBeVisible()
  await expect(attached.getByRole('listitem')).toHaveCount(2)
})

test("the admin's users table shows a user's profile picture, and initials for one without", async ({
  page,
  request,
}) => {
  const pictured = await createUser(request, { fullName: 'Mary Somerville' })
  const avatarId = await setAvatar(request, pictured)
  const plain = await createUser(request, { fullName: 'Emmy Noether' })
  await logIn(page, admin)
  await page.goto('/admin')

  const picturedRow = page.getByRole('row', { name: new RegExp(pictured.email) })
  const picture = picturedRow.locator('img')
  await expect(picture).toHaveAttribute('src', `${apiUrl}/api/v1/avatars/${avatarId}/64`)
  await expect(picture).toHaveJSProperty('complete', true)
  expect(await picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64)
  await expect(picturedRow.getByText('MS', { exact: true })).toBeHidden()

  const plainRow = page.getByRole('row', { name: new RegExp(plain.email) })
  await expect(plainRow.getByText('EN', { exact: true })).toBeVisible()
  await expect(plainRow.locator('img')).toHaveCount(0)
})

test('Settings shows the storage used of the quota, and it grows with an upload', async ({
  page,
  request,
}) => {
  const user = await createUser(request)
  await createItems(request, user, ['Annual accounts'])
  await logIn(page, user)
  await page.goto('/settings')
  const storage = page.getByText(/^Your attachments take /)
  const bar = page.getByRole('progressbar', { name: 'Storage used' })
  await expect(storage).toHaveText('Your attachments take 0 bytes of your 1.1 GB.')
  await expect(bar).toHaveAttribute('value', '0')

  // Through the menus, not a reload: the figure the dashboard holds must follow the upload.
  await page.getByRole('link', { name: 'Items', exact: true }).click()
  await page.getByRole('button', { name: 'Attachments of Annual accounts' }).click()
  const dialog = page.getByRole('dialog', { name: 'Attachments' })
  await dialog.getByLabel('Choose files to attach').setInputFiles(textFile('ledger.txt', 6_000_000))
  await expect(dialog.getByText('text/plain · 6.0 MB')).toBeVisible({ timeout: 15_000 })
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.getByRole('link', { name: 'User settings' }).click()

  // 6 MB of 1 GiB: about half a percent, rounded up to one.
  await expect(storage).toHaveText('Your attachments take 6.0 MB of your 1.1 GB.')
  await expect(bar).toHaveAttribute('value', '1')
})

test('a large file, refused a direct upload on local storage, is streamed through the API', async ({
  page,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 409 .*\/attachments\/direct$/)
  const user = await createUser(request)
  await createItems(request, user, ['Site survey'])
  await logIn(page, user)
  const dialog = await openAttachments(page, 'Site survey')

  const uploads: { method: string; path: string; status: number; detail?: string }[] = []
  page.on('response', async (response) => {
    const url = new URL(response.url())
    if (response.request().method() !== 'POST' || !url.pathname.includes('/attachments/')) return
    const body: { detail?: string } = await response.json().catch(() => ({}))
    uploads.push({
      method: response.request().method(),
      path: url.pathname.replace(/^.*\/attachments\//, 'attachments/') + url.search,
      status: response.status(),
      ...(response.status() === 409 ? { detail: body.detail } : {}),
    })
  })
  await dialog
    .getByLabel('Choose files to attach')
    .setInputFiles(textFile('survey.txt', DIRECT_UPLOAD_FROM_BYTES))

  const attached = dialog.getByRole('list', { name: 'Attachments' })
  await expect(attached.getByText('survey.txt')).toBeVisible({ timeout: 20_000 })
  await expect(attached.getByText('text/plain · 8.4 MB')).toBeVisible()
  await expect
    .poll(() => uploads)
    .toEqual([
      {
        method: 'POST',
        path: 'attachments/direct',
        status: 409,
        detail: "Files are kept on the server's disk here: upload them through the API",
      },
      { method: 'POST', path: 'attachments/?filename=survey.txt', status: 200 },
    ])
})
