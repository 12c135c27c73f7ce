import { Link } from '@tanstack/react-router'
import { useEffect } from 'react'
import { TwoFactorLoginStep } from '@/components/TwoFactor/TwoFactorLoginStep'
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
import { useSignInWithMagicLink } from '@/queries/account'

/** Follows an emailed sign-in link; with two-factor on, asks for the code next. */
export function MagicLinkSignIn({
  token,
  onSuccess,
  passkeys = false,
}: {
  token: string
  onSuccess: () => void
  /** Whether the second step may take a passkey. */
  passkeys?: boolean
}) {
  const signIn = useSignInWithMagicLink()
  const { mutate } = signIn

  useEffect(() => {
    mutate(token, { onSuccess: (answer) => ('challenge' in answer ? undefined : onSuccess()) })
  }, [mutate, token, onSuccess])

  if (signIn.status === 'success' && 'challenge' in signIn.data) {
    return (
      <TwoFactorLoginStep
        challenge={signIn.data}
        onSuccess={onSuccess}
        passkeys={passkeys}
        onCancel={() => window.location.assign('/login')}
      />
    )
  }
  if (signIn.isError) {
    return (
      <div className="grid gap-4">
        <FormError message={errorMessage(signIn.error)} />
        <Link to="/login" className="text-sm text-primary underline-offset-4 hover:underline">
          Back to the login page
        </Link>
      </div>
    )
  }
  return <p role="status">Signing you in…</p>
}
