import { useForm } from 'react-hook-form'
import type { Token, TwoFactorChallenge } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
// #region capability: passkeys
import { passkeysSupported } from '@/lib/webauthn'
// #endregion capability: passkeys
import {
  useLogInWithCode,
  // #region capability: passkeys
  useLogInWithPasskey,
  // #endregion capability: passkeys
} from '@/queries/account'

type CodeValues = { code: string }

/** The login's second step, for an account with two-factor authentication on. */
export function TwoFactorLoginStep({
  challenge,
  onSuccess,
  onCancel,
  // #region capability: passkeys
  passkeys = false,
  // #endregion capability: passkeys
}: {
  challenge: TwoFactorChallenge
  /** Signed in: the new session's tokens. */
  onSuccess: (session: Token) => void
  onCancel: () => void
  // #region capability: passkeys
  /** Offer one of the account's passkeys instead of a code. */
  passkeys?: boolean
  // #endregion capability: passkeys
}) {
  const logIn = useLogInWithCode()
  // #region capability: passkeys
  const withPasskey = useLogInWithPasskey()
  // #endregion capability: passkeys
  const { register, handleSubmit, formState } = useForm<CodeValues>({
    defaultValues: { code: '' },
  })
  const submit = handleSubmit(({ code }) =>
    logIn.mutate({ challenge: challenge.challenge, code: code.trim() }, { onSuccess }),
  )

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        Enter the 6-digit code from your authenticator app, or one of your recovery codes.
      </p>
      <InputField
        id="two-factor-code"
        label="Authentication code"
        error={formState.errors.code?.message}
        autoComplete="one-time-code"
        autoFocus
        {...register('code', { required: 'Enter the code from your app' })}
      />
      <FormError message={logIn.isError ? errorMessage(logIn.error) : null} />
      <Button type="submit" disabled={logIn.isPending}>
        {logIn.isPending ? 'Checking…' : 'Verify'}
      </Button>
      {/* #region capability: passkeys */}
      {passkeys && passkeysSupported() ? (
        <>
          <Button
            type="button"
            variant="outline"
            disabled={withPasskey.isPending}
            onClick={() => withPasskey.mutate(challenge.challenge, { onSuccess })}
          >
            Use a passkey instead
          </Button>
          <FormError message={withPasskey.isError ? errorMessage(withPasskey.error) : null} />
        </>
      ) : null}
      {/* #endregion capability: passkeys */}
      <Button type="button" variant="ghost" onClick={onCancel}>
        Back to the password
      </Button>
    </form>
  )
}
