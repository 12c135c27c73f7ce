import { Download } from 'lucide-react'
import { toast } from 'sonner'
import type { AttachmentPublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
import { Button } from '@/components/ui/button'
import { formatBytes } from '@/lib/bytes'
import { errorMessage } from '@/lib/errors'
import { downloadAttachment, useDeleteAttachment } from '@/queries/files'

type AttachmentListProps = {
  orgId: string
  itemId: string
  attachments: AttachmentPublic[]
  canDelete: boolean
}

export function AttachmentList({ orgId, itemId, attachments, canDelete }: AttachmentListProps) {
  const remove = useDeleteAttachment(orgId, itemId)
  if (attachments.length === 0) {
    return <p className="text-sm text-muted-foreground">No attachments yet.</p>
  }
  return (
    <ul className="divide-y rounded-md border" aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id} className="flex items-center gap-2 p-2">
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium" title={attachment.filename}>
              {attachment.filename}
            </p>
            <p className="text-xs text-muted-foreground">
              {attachment.content_type} · {formatBytes(attachment.size)}
            </p>
          </div>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Download ${attachment.filename}`}
            onClick={() =>
              downloadAttachment(orgId, itemId, attachment.id).catch((error: unknown) =>
                toast.error(errorMessage(error)),
              )
            }
          >
            <Download aria-hidden />
          </Button>
          {canDelete ? (
            <ConfirmDeleteButton
              label={`Delete ${attachment.filename}`}
              title="Delete attachment?"
              description={`"${attachment.filename}" will be deleted permanently.`}
              pending={remove.isPending}
              onConfirm={() => remove.mutateAsync(attachment.id)}
              doneMessage="Attachment deleted"
            />
          ) : null}
        </li>
      ))}
    </ul>
  )
}
