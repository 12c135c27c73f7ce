import { Trash2 } from 'lucide-react'
import { type ReactNode, useState } from 'react'
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

type ConfirmDeleteButtonProps = {
  /** Accessible name of the trigger, e.g. "Delete Groceries". */
  label: string
  title: string
  description: string
  /** More about what the deletion does, mounted only while the dialog is open. */
  children?: ReactNode
  pending: boolean
  disabled?: boolean
  /** The confirming button's words, for a removal that is not a deletion ("Revoke"). */
  confirmLabel?: string
  pendingLabel?: string
  /** Runs the deletion; call `close` once it succeeded. */
  onConfirm: (close: () => void) => void
}

export function ConfirmDeleteButton({
  label,
  title,
  description,
  children,
  pending,
  disabled = false,
  confirmLabel = 'Delete',
  pendingLabel = 'Deleting…',
  onConfirm,
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
        {children}
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={() => onConfirm(() => setOpen(false))}
          >
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
