import type { FormEventHandler, ReactNode } from 'react'
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
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { FormError } from '@/components/ui/form-error'

type FormDialogProps = {
  /** `alertdialog` for a confirmation that destroys: no close button, Cancel takes the focus. */
  kind?: 'dialog' | 'alertdialog'
  open: boolean
  /** Closing (Cancel, Escape, the close button) comes here too: the place to reset the form. */
  onOpenChange: (open: boolean) => void
  /** The button that opens it; none for a dialog opened by code. */
  trigger?: ReactNode
  title: ReactNode
  description: ReactNode
  /** Shown between the description and the form (what the action will do). */
  notice?: ReactNode
  onSubmit: FormEventHandler<HTMLFormElement>
  /** The form's error, from the server: shown above the fields. */
  error?: string | null
  submitLabel: string
  pendingLabel: string
  pending: boolean
  /** Submitting is impossible for another reason than a pending request. */
  blocked?: boolean
  destructive?: boolean
  /** The fields, and any control that belongs to the form. */
  children: ReactNode
}

/**
 * A dialog holding one form: title and description, the server's error, the fields, and
 * Cancel beside a submit button that shows its pending state. The caller closes it on
 * success through `onOpenChange(false)`.
 */
export function FormDialog(props: FormDialogProps) {
  const { kind = 'dialog', open, onOpenChange, trigger, title, description, notice } = props
  if (kind === 'alertdialog') {
    return (
      <AlertDialog open={open} onOpenChange={onOpenChange}>
        {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
        <AlertDialogContent>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
          {notice}
          <DialogForm {...props} cancel={<AlertDialogCancel>Cancel</AlertDialogCancel>} />
        </AlertDialogContent>
      </AlertDialog>
    )
  }
  const cancel = (
    <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
      Cancel
    </Button>
  )
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {notice}
        <DialogForm {...props} cancel={cancel} />
      </DialogContent>
    </Dialog>
  )
}

function DialogForm({
  kind = 'dialog',
  onSubmit,
  error,
  submitLabel,
  pendingLabel,
  pending,
  blocked = false,
  destructive = false,
  children,
  cancel,
}: FormDialogProps & { cancel: ReactNode }) {
  const Footer = kind === 'alertdialog' ? AlertDialogFooter : DialogFooter
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={error} />
      {children}
      <Footer>
        {cancel}
        <Button
          type="submit"
          variant={destructive ? 'destructive' : 'default'}
          disabled={pending || blocked}
        >
          {pending ? pendingLabel : submitLabel}
        </Button>
      </Footer>
    </form>
  )
}
