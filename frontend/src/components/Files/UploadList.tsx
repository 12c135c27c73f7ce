import { X } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { formatBytes } from '@/lib/bytes'
import type { Upload } from './useUploads'

type UploadListProps = { uploads: Upload[]; onCancel: (id: number) => void }

/** Files on their way: a progress bar each, and a button to cancel (or dismiss a failure). */
export function UploadList({ uploads, onCancel }: UploadListProps) {
  if (uploads.length === 0) return null
  return (
    <ul className="grid gap-3" aria-label="Uploads in progress">
      {uploads.map((upload) => {
        const percent = upload.total ? Math.round((upload.loaded / upload.total) * 100) : 0
        return (
          <li key={upload.id} className="grid gap-1">
            <div className="flex items-center justify-between gap-2 text-sm">
              <span className="truncate font-medium" title={upload.name}>
                {upload.name}
              </span>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`${upload.error ? 'Dismiss' : 'Cancel'} ${upload.name}`}
                onClick={() => onCancel(upload.id)}
              >
                <X aria-hidden />
              </Button>
            </div>
            {upload.error ? (
              <p role="alert" className="text-sm text-destructive">
                {upload.error}
              </p>
            ) : (
              <>
                <progress
                  className="h-2 w-full accent-primary"
                  max={100}
                  value={percent}
                  aria-label={`Uploading ${upload.name}`}
                />
                <span className="text-xs text-muted-foreground">
                  {formatBytes(upload.loaded)} of {formatBytes(upload.total)}
                </span>
              </>
            )}
          </li>
        )
      })}
    </ul>
  )
}
