import { useQuery } from '@tanstack/react-query'
import { Paperclip } from 'lucide-react'
import type { ItemPublic } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { attachmentsQuery, storageUsageQuery } from '@/queries/files'
import { AttachmentList } from './AttachmentList'
import { DropZone } from './DropZone'
import { UploadList } from './UploadList'
import { useUploads } from './useUploads'

type AttachmentsProps = { item: ItemPublic; canChange: boolean }

/** An item's attachments in a dialog; nothing when the server has files switched off. */
export function AttachmentsButton({ item, canChange }: AttachmentsProps) {
  const { data: usage } = useQuery(storageUsageQuery())
  if (!usage) return null
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Attachments of ${item.title}`}>
          <Paperclip aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Attachments</DialogTitle>
          <DialogDescription className="truncate">
            Files attached to “{item.title}”.
          </DialogDescription>
        </DialogHeader>
        <AttachmentsPanel item={item} canChange={canChange} />
      </DialogContent>
    </Dialog>
  )
}

function AttachmentsPanel({ item, canChange }: AttachmentsProps) {
  const orgId = item.organization_id
  const { data } = useQuery(attachmentsQuery(orgId, item.id))
  const { uploads, start, cancel } = useUploads(orgId, item.id)
  return (
    <div className="grid gap-4">
      {canChange ? <DropZone onFiles={start} /> : null}
      <UploadList uploads={uploads} onCancel={cancel} />
      {data ? (
        <AttachmentList
          orgId={orgId}
          itemId={item.id}
          attachments={data.data}
          canDelete={canChange}
        />
      ) : (
        <p className="text-sm text-muted-foreground">Loading attachments…</p>
      )}
    </div>
  )
}
