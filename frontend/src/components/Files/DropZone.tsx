import { Upload } from 'lucide-react'
import { useId, useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/utils'

/** Where files are dropped, or picked with the button. */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const hintId = useId()
  const [over, setOver] = useState(false)
  return (
    <section
      aria-label="Add attachments"
      className={cn(
        'flex flex-col items-center gap-2 rounded-md border border-dashed p-6 text-center',
        over && 'border-primary bg-muted',
      )}
      onDragOver={(event) => {
        event.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault()
        setOver(false)
        onFiles([...event.dataTransfer.files])
      }}
    >
      <Upload className="size-6 text-muted-foreground" aria-hidden />
      <p id={hintId} className="text-sm text-muted-foreground">
        Drop files here: images, PDFs, ZIP archives or plain text.
      </p>
      <input
        ref={input}
        type="file"
        multiple
        className="sr-only"
        aria-label="Choose files to attach"
        tabIndex={-1}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])])
          event.target.value = ''
        }}
      />
      <Button variant="outline" aria-describedby={hintId} onClick={() => input.current?.click()}>
        Choose files
      </Button>
    </section>
  )
}
