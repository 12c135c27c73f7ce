import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  attachmentsCompleteDirectUpload,
  attachmentsDeleteAttachment,
  attachmentsReadAttachments,
  attachmentsReadDownloadLink,
  attachmentsStartDirectUpload,
  avatarsDeleteAvatar,
  filesReadStorageUsage,
} from '@/client/sdk.gen'
import type { AttachmentPublic, UserMe } from '@/client/types.gen'
import { env } from '@/lib/env'
import { sendFile, type UploadProgress } from '@/lib/upload'
import { userKeys } from '@/queries/users'

export const fileKeys = {
  all: ['files'] as const,
  usage: () => [...fileKeys.all, 'usage'] as const,
  attachments: (itemId: string) => [...fileKeys.all, 'attachments', itemId] as const,
}

// Files above this go straight to S3 when the server stores there; below it,
// and whenever the server keeps files on its own disk, through the API.
const DIRECT_UPLOAD_FROM_BYTES = 8 * 1024 * 1024

/** What one's attachments take and may take; null when files are switched off. */
export function storageUsageQuery() {
  return queryOptions({
    queryKey: fileKeys.usage(),
    queryFn: async () => {
      const { data, response } = await filesReadStorageUsage()
      if (response.status === 404) return null
      if (!data) throw new Error('Could not read your storage use')
      return data
    },
  })
}

export function avatarUrl(avatarId: string, size: 64 | 256): string {
  return `${env.apiUrl}/api/v1/avatars/${avatarId}/${size}`
}

/** The square of the picture to keep, in its pixels; the server checks it fits. */
type AvatarCrop = { x: number; y: number; size: number }

export function useUploadAvatar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ file, crop }: { file: File; crop: AvatarCrop }) => {
      const square = new URLSearchParams({
        crop_x: String(crop.x),
        crop_y: String(crop.y),
        crop_size: String(crop.size),
      })
      return (await sendFile({
        method: 'PUT',
        url: `${env.apiUrl}/api/v1/users/me/avatar?${square}`,
        body: file,
        authenticated: true,
      })) as UserMe
    },
    // The answer is the user as saved; only the admin's lists are left to refresh.
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.me(), user)
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() })
    },
  })
}

export function useRemoveAvatar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => (await avatarsDeleteAvatar({ throwOnError: true })).data,
    // The answer is the user as saved; only the admin's lists are left to refresh.
    onSuccess: (user) => {
      queryClient.setQueryData(userKeys.me(), user)
      void queryClient.invalidateQueries({ queryKey: userKeys.lists() })
    },
  })
}

export function attachmentsQuery(orgId: string, itemId: string) {
  return queryOptions({
    queryKey: fileKeys.attachments(itemId),
    queryFn: async () => {
      const { data } = await attachmentsReadAttachments({
        path: { org_id: orgId, item_id: itemId },
        throwOnError: true,
      })
      return data
    },
  })
}

type UploadOptions = { onProgress: (progress: UploadProgress) => void; signal: AbortSignal }

/**
 * Attach a file: large ones straight to S3 through a signed form, then
 * completed; the rest, or all of them when the server keeps files on its own
 * disk (it answers 409), streamed through the API.
 */
export async function uploadAttachment(
  orgId: string,
  itemId: string,
  file: File,
  options: UploadOptions,
): Promise<AttachmentPublic> {
  const path = { org_id: orgId, item_id: itemId }
  if (file.size >= DIRECT_UPLOAD_FROM_BYTES) {
    const { data: ticket, response } = await attachmentsStartDirectUpload({
      path,
      body: { filename: file.name, size: file.size, content_type: file.type || 'text/plain' },
    })
    if (ticket) {
      const form = new FormData()
      for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value)
      form.append('file', file)
      await sendFile({ method: 'POST', url: ticket.url, body: form, ...options })
      const { data } = await attachmentsCompleteDirectUpload({
        path: { ...path, attachment_id: ticket.attachment.id },
        throwOnError: true,
      })
      return data
    }
    if (response.status !== 409) throw new Error('The upload could not start')
  }
  const url = `${env.apiUrl}/api/v1/orgs/${orgId}/items/${itemId}/attachments/?filename=${encodeURIComponent(file.name)}`
  return (await sendFile({
    method: 'POST',
    url,
    body: file,
    authenticated: true,
    ...options,
  })) as AttachmentPublic
}

export function useAttachmentUploaded(itemId: string) {
  const queryClient = useQueryClient()
  return () => {
    void queryClient.invalidateQueries({ queryKey: fileKeys.attachments(itemId) })
    void queryClient.invalidateQueries({ queryKey: fileKeys.usage() })
  }
}

export function useDeleteAttachment(orgId: string, itemId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (attachmentId: string) =>
      (
        await attachmentsDeleteAttachment({
          path: { org_id: orgId, item_id: itemId, attachment_id: attachmentId },
          throwOnError: true,
        })
      ).data,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: fileKeys.attachments(itemId) })
      void queryClient.invalidateQueries({ queryKey: fileKeys.usage() })
    },
  })
}

/** Start a download: a short-lived link, opened by the browser as a file. */
export async function downloadAttachment(orgId: string, itemId: string, attachmentId: string) {
  const { data } = await attachmentsReadDownloadLink({
    path: { org_id: orgId, item_id: itemId, attachment_id: attachmentId },
    throwOnError: true,
  })
  window.location.assign(data.url)
}
