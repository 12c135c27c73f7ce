// @vitest-environment node
import type { IncomingMessage } from 'node:http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { client } from '@/client/client.gen'
import type { AttachmentPublic, DirectUploadPublic } from '@/client/types.gen'
import { setAccessToken } from '@/lib/access-token'
import { configureApiClient } from '@/lib/api'
import { env } from '@/lib/env'
import { UploadError, type UploadProgress } from '@/lib/upload'
import { sendJson, startServer } from '@/test/fake-api'
import { uploadAttachment } from './files'

const MIB = 1024 * 1024
const ITEM_PATH = '/api/v1/orgs/org-1/items/item-1/attachments'
const BUCKET_URL = 'https://bucket.s3.example.com/'
const ATTACHMENT: AttachmentPublic = {
  id: 'attachment-1',
  item_id: 'item-1',
  filename: 'survey.bin',
  content_type: 'application/octet-stream',
  size: 9 * MIB,
  created_at: '2026-12-05T00:00:00Z',
}
const TICKET: DirectUploadPublic = {
  attachment: ATTACHMENT,
  url: BUCKET_URL,
  fields: { key: 'attachments/attachment-1', policy: 'c2lnbmVk', 'x-amz-signature': 'abc123' },
  expires_at: '2026-12-05T01:00:00Z',
}

/** What a faked XMLHttpRequest answers: upload progress events, then a status and body. */
type XhrAnswer = { progress: [number, number][]; status: number; body: string }
type SentRequest = {
  method: string
  url: string
  headers: Record<string, string>
  body: Document | XMLHttpRequestBodyInit | null | undefined
}

/** Every request in the order it left: the API's over fetch, the uploads over XMLHttpRequest. */
let sent: string[]
let xhrRequests: SentRequest[]
let answerXhr: (request: SentRequest) => XhrAnswer

/**
 * The browser's XMLHttpRequest, as far as lib/upload.ts uses it: it records the
 * request and answers as `answerXhr` says, reporting upload progress first.
 */
class FakeXMLHttpRequest {
  upload: { onprogress: ((event: { loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  status = 0
  responseText = ''
  private request: SentRequest = { method: '', url: '', headers: {}, body: null }

  open(method: string, url: string): void {
    this.request = { ...this.request, method, url }
  }

  setRequestHeader(name: string, value: string): void {
    this.request.headers[name] = value
  }

  abort(): void {
    this.onabort?.()
  }

  send(body: SentRequest['body']): void {
    this.request.body = body
    xhrRequests.push(this.request)
    sent.push(`${this.request.method} ${this.request.url}`)
    const answer = answerXhr(this.request)
    setTimeout(() => {
      for (const [loaded, total] of answer.progress) this.upload.onprogress?.({ loaded, total })
      if (answer.status === 0) {
        this.onerror?.()
        return
      }
      this.status = answer.status
      this.responseText = answer.body
      this.onload?.()
    }, 0)
  }
}

function bigFile(): File {
  return new File([new Uint8Array(9 * MIB)], 'survey.bin', { type: 'application/octet-stream' })
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of request) text += chunk
  return text ? JSON.parse(text) : null
}

describe('uploading an attachment', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let directUploads: 'offered' | 'refused'
  let startBodies: unknown[]
  let progress: UploadProgress[]

  const upload = (file: File) =>
    uploadAttachment('org-1', 'item-1', file, {
      onProgress: (step) => progress.push(step),
      signal: new AbortController().signal,
    })

  beforeEach(async () => {
    sent = []
    xhrRequests = []
    startBodies = []
    progress = []
    directUploads = 'offered'
    answerXhr = () => ({ progress: [], status: 204, body: '' })
    vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest)
    server = await startServer(async (request, response) => {
      sent.push(`${request.method} ${request.url}`)
      if (request.url === `${ITEM_PATH}/direct`) {
        startBodies.push(await readJson(request))
        if (directUploads === 'offered') sendJson(response, 200, TICKET)
        else sendJson(response, 409, { detail: 'Files are kept on the server' })
      } else if (request.url === `${ITEM_PATH}/attachment-1/complete`) {
        sendJson(response, 200, ATTACHMENT)
      } else {
        sendJson(response, 404, { detail: 'Not Found' })
      }
    })
    configureApiClient()
    client.setConfig({ baseUrl: server.url })
    setAccessToken('token')
  })

  afterEach(async () => {
    vi.unstubAllGlobals()
    setAccessToken(null)
    await server.close()
  })

  it('sends a large file straight to S3: the signed fields, then the file, then completes it', async () => {
    answerXhr = () => ({
      progress: [
        [3 * MIB, 9 * MIB],
        [9 * MIB, 9 * MIB],
      ],
      status: 204,
      body: '',
    })

    const attachment = await upload(bigFile())

    expect(attachment).toEqual(ATTACHMENT)
    expect(startBodies).toEqual([
      { filename: 'survey.bin', size: 9 * MIB, content_type: 'application/octet-stream' },
    ])
    expect(sent).toEqual([
      `POST ${ITEM_PATH}/direct`,
      `POST ${BUCKET_URL}`,
      `POST ${ITEM_PATH}/attachment-1/complete`,
    ])
    const [toBucket] = xhrRequests
    expect(toBucket?.headers).not.toHaveProperty('Authorization')
    const form = toBucket?.body
    if (!(form instanceof FormData)) throw new Error('the upload to S3 is not a form')
    const entries = [...form.entries()]
    expect(entries.map(([name]) => name)).toEqual(['key', 'policy', 'x-amz-signature', 'file'])
    expect(Object.fromEntries(entries.slice(0, 3))).toEqual(TICKET.fields)
    const sentFile = entries[3]?.[1]
    expect(sentFile).toBeInstanceOf(File)
    expect(sentFile).toMatchObject({ name: 'survey.bin', size: 9 * MIB })
    expect(progress).toEqual([
      { loaded: 3 * MIB, total: 9 * MIB },
      { loaded: 9 * MIB, total: 9 * MIB },
    ])
  })

  it('streams the file through the API when the server refuses a direct upload (409)', async () => {
    directUploads = 'refused'
    answerXhr = () => ({
      progress: [[9 * MIB, 9 * MIB]],
      status: 200,
      body: JSON.stringify(ATTACHMENT),
    })
    const file = bigFile()

    const attachment = await upload(file)

    expect(attachment).toEqual(ATTACHMENT)
    const streamed = `${env.apiUrl}${ITEM_PATH}/?filename=survey.bin`
    expect(sent).toEqual([`POST ${ITEM_PATH}/direct`, `POST ${streamed}`])
    expect(xhrRequests[0]?.body).toBe(file)
    expect(xhrRequests[0]?.headers).toEqual({ Authorization: 'Bearer token' })
    expect(progress).toEqual([{ loaded: 9 * MIB, total: 9 * MIB }])
  })

  it('reports a refused S3 upload and does not complete the attachment', async () => {
    answerXhr = () => ({
      progress: [[1 * MIB, 9 * MIB]],
      status: 403,
      body: '<Error><Code>AccessDenied</Code></Error>',
    })

    const failure = upload(bigFile())

    await expect(failure).rejects.toThrow(new UploadError('The upload was refused (403)', 403))
    await expect(failure).rejects.toBeInstanceOf(UploadError)
    expect(sent).toEqual([`POST ${ITEM_PATH}/direct`, `POST ${BUCKET_URL}`])
  })

  it('reports a lost connection to S3 and does not complete the attachment', async () => {
    answerXhr = () => ({ progress: [], status: 0, body: '' })

    await expect(upload(bigFile())).rejects.toThrow('The upload failed: check your connection')
    expect(sent).toEqual([`POST ${ITEM_PATH}/direct`, `POST ${BUCKET_URL}`])
  })

  it('streams a small file through the API without asking for a direct upload', async () => {
    answerXhr = () => ({ progress: [], status: 200, body: JSON.stringify(ATTACHMENT) })
    const small = new File(['notes'], 'notes.txt', { type: 'text/plain' })

    await upload(small)

    expect(sent).toEqual([`POST ${env.apiUrl}${ITEM_PATH}/?filename=notes.txt`])
  })
})
