import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { errorMessage } from '@/lib/errors'
import { useResendVerification } from '@/queries/account'

/** Reminds an unverified user to confirm their address, or a pending email change. */
export function VerifyEmailBanner() {
  const user = useCurrentUser()
  const resend = useResendVerification()
  if (user.is_verified && !user.pending_email) return null

  const address = user.pending_email ?? user.email
  const onResend = () =>
    resend.mutate(address, {
      onSuccess: () => toast.success(`Confirmation email sent to ${address}`),
      onError: (error) => toast.error(errorMessage(error)),
    })

  return (
    <section
      aria-label="Email confirmation"
      className="flex flex-wrap items-center justify-between gap-3 border-b bg-warning px-4 py-2 text-sm text-warning-foreground md:px-8"
    >
      <p>
        {user.pending_email
          ? `Confirm your new address ${user.pending_email} with the link we sent to it.`
          : 'Please confirm your email address with the link we sent you.'}
      </p>
      {!user.pending_email ? (
        <Button size="sm" variant="outline" onClick={onResend} disabled={resend.isPending}>
          {resend.isPending ? 'Sending…' : 'Resend email'}
        </Button>
      ) : null}
    </section>
  )
}
