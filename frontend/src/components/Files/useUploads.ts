import { useCallback, useRef, useState } from 'react'
import { errorMessage } from '@/lib/errors'
import { uploadAttachment, useAttachmentUploaded } from '@/queries/files'

export type Upload = {
  id: number
  name: string
  loaded: number
  total: number
  /** Why it failed, in the server's words when it said. */
  error?: string
}

/** Files being attached to an item: each with its progress, cancellable. */
export function useUploads(orgId: string, itemId: string) {
  const [uploads, setUploads] = useState<Upload[]>([])
  const controllers = useRef(new Map<number, AbortController>())
  const nextId = useRef(0)
  const uploaded = useAttachmentUploaded(itemId)

  const update = useCallback((id: number, change: Partial<Upload>) => {
    setUploads((current) => current.map((u) => (u.id === id ? { ...u, ...change } : u)))
  }, [])
  const drop = useCallback((id: number) => {
    controllers.current.delete(id)
    setUploads((current) => current.filter((u) => u.id !== id))
  }, [])

  const start = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const id = nextId.current++
        const controller = new AbortController()
        controllers.current.set(id, controller)
        setUploads((current) => [...current, { id, name: file.name, loaded: 0, total: file.size }])
        uploadAttachment(orgId, itemId, file, {
          signal: controller.signal,
          onProgress: ({ loaded, total }) => update(id, { loaded, total }),
        }).then(
          () => {
            drop(id)
            uploaded()
          },
          (error: unknown) => {
            if (error instanceof DOMException && error.name === 'AbortError') return
            update(id, { error: error instanceof Error ? error.message : errorMessage(error) })
          },
        )
      }
    },
    [orgId, itemId, update, drop, uploaded],
  )

  const cancel = useCallback(
    (id: number) => {
      controllers.current.get(id)?.abort()
      drop(id)
    },
    [drop],
  )

  return { uploads, start, cancel }
}
