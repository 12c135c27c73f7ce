import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'
import { useCancelEmailChange, useResendEmailChange } from '@/queries/users'

/** An email change waiting for its link: a state of the account, not an unsaved form. */
export function PendingEmailChange({
  email,
  pendingEmail,
}: {
  email: string
  pendingEmail: string
}) {
  const resend = useResendEmailChange()
  const cancel = useCancelEmailChange()
  const onResend = () =>
    resend.mutate(undefined, {
      onSuccess: (answer) => toast.success(answer.message),
      onError: (error) => toast.error(errorMessage(error)),
    })
  const onCancel = () =>
    cancel.mutate(undefined, {
      onSuccess: () => toast.success(`Email change cancelled: you keep ${email}`),
      onError: (error) => toast.error(errorMessage(error)),
    })

  return (
    <section
      aria-label="Pending email change"
      className="grid gap-3 rounded-md border border-dashed p-3 text-sm"
    >
      <div>
        <p className="font-medium">Pending confirmation at {pendingEmail}</p>
        <p className="text-muted-foreground">
          Open the link we sent to that address to make it your login. Until then you keep using{' '}
          {email}.
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="outline" onClick={onResend} disabled={resend.isPending}>
          {resend.isPending ? 'Sending…' : 'Resend'}
        </Button>
        <Button size="sm" variant="outline" onClick={onCancel} disabled={cancel.isPending}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel change'}
        </Button>
      </div>
    </section>
  )
}
