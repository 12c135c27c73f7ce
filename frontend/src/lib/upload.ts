import { getAccessToken } from '@/lib/access-token'
import { refreshSession } from '@/lib/session'

export type UploadProgress = { loaded: number; total: number }

type Send = {
  method: 'POST' | 'PUT'
  url: string
  body: Blob | FormData
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
  /** Send the access token (not to S3: a direct upload's form is its credential). */
  authenticated?: boolean
}

/** A refused upload, with the server's words when it gave some. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'UploadError'
  }
}

/**
 * Send a file with XMLHttpRequest, the one browser API that reports upload
 * progress (fetch does not). An expired access token is refreshed once, as the
 * generated client's fetch does.
 */
export async function sendFile(request: Send): Promise<unknown> {
  const response = await sendOnce(request)
  if (response.status !== 401 || !request.authenticated || !(await refreshSession())) {
    return parsed(response)
  }
  return parsed(await sendOnce(request))
}

function sendOnce({ method, url, body, onProgress, signal, authenticated }: Send) {
  return new Promise<XMLHttpRequest>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    const token = authenticated ? getAccessToken() : null
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.upload.onprogress = (event) => onProgress?.({ loaded: event.loaded, total: event.total })
    xhr.onload = () => resolve(xhr)
    xhr.onerror = () => reject(new UploadError('The upload failed: check your connection', 0))
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(body)
  })
}

function parsed(xhr: XMLHttpRequest): unknown {
  const body = parseJson(xhr.responseText)
  if (xhr.status >= 200 && xhr.status < 300) return body
  const detail =
    body && typeof body === 'object' && 'detail' in body && typeof body.detail === 'string'
      ? body.detail
      : `The upload was refused (${xhr.status})`
  throw new UploadError(detail, xhr.status)
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}
