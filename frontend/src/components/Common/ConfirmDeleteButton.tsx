import { Trash2 } from 'lucide-react'
import { type ReactNode, useState } from 'react'
import { toast } from 'sonner'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'

type ConfirmDeleteButtonProps = {
  /** Accessible name of the trigger, e.g. "Delete ada@example.com". */
  label: string
  title: string
  description: string
  /** More about what the deletion does, mounted only while the dialog is open. */
  details?: ReactNode
  pending: boolean
  disabled?: boolean
  /** The confirming button's words, for a removal that is not a deletion ("Revoke"). */
  confirmLabel?: string
  pendingLabel?: string
  /**
   * Runs the deletion (a mutation's `mutateAsync`). Awaited here rather than
   * through `mutate`'s callbacks, which never run once the row holding this
   * button is gone from the refreshed list.
   */
  onConfirm: () => Promise<unknown>
  /** Said once the deletion succeeded ("User deleted"). */
  doneMessage: string
}

export function ConfirmDeleteButton({
  label,
  title,
  description,
  details,
  pending,
  disabled = false,
  confirmLabel = 'Delete',
  pendingLabel = 'Deleting…',
  onConfirm,
  doneMessage,
}: ConfirmDeleteButtonProps) {
  const [open, setOpen] = useState(false)
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={label} disabled={disabled}>
          <Trash2 aria-hidden />
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription>{description}</AlertDialogDescription>
        {details}
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={() =>
              onConfirm().then(
                () => {
                  toast.success(doneMessage)
                  setOpen(false)
                },
                (error: unknown) => toast.error(errorMessage(error)),
              )
            }
          >
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
