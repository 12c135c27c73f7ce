import { Link } from '@tanstack/react-router'
import { useEffect } from 'react'
import type { Token } from '@/client/types.gen'
// #region capability: two_factor
import { TwoFactorLoginStep } from '@/components/TwoFactor/TwoFactorLoginStep'
// #endregion capability: two_factor
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
import { useSignInWithMagicLink } from '@/queries/account'

/** Follows an emailed sign-in link; asks for the second step next where the account has one. */
export function MagicLinkSignIn({
  token,
  onSuccess,
  // #region capability: two_factor
  // #region capability: passkeys
  passkeys = false,
  // #endregion capability: passkeys
  // #endregion capability: two_factor
}: {
  token: string
  /** Signed in: the new session's tokens. */
  onSuccess: (session: Token) => void
  // #region capability: two_factor
  // #region capability: passkeys
  /** Whether the second step may take a passkey. */
  passkeys?: boolean
  // #endregion capability: passkeys
  // #endregion capability: two_factor
}) {
  const signIn = useSignInWithMagicLink()
  const { mutate } = signIn

  useEffect(() => {
    mutate(token, {
      onSuccess: (answer) => {
        // #region capability: two_factor
        if ('challenge' in answer) return
        // #endregion capability: two_factor
        onSuccess(answer)
      },
    })
  }, [mutate, token, onSuccess])

  // #region capability: two_factor
  if (signIn.status === 'success' && 'challenge' in signIn.data) {
    return (
      <TwoFactorLoginStep
        challenge={signIn.data}
        onSuccess={onSuccess}
        // #region capability: passkeys
        passkeys={passkeys}
        // #endregion capability: passkeys
        onCancel={() => window.location.assign('/login')}
      />
    )
  }
  // #endregion capability: two_factor
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
