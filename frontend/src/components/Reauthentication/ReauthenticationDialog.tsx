import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import type { Reauthenticate } from '@/client/types.gen'
import { FormDialog } from '@/components/Common/FormDialog'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { useServerErrors } from '@/hooks/useServerErrors'
import { answerProofRequests } from '@/lib/reauthentication'
import { required } from '@/lib/validation'
// #region capability: passkeys
import { passkeysSupported } from '@/lib/webauthn'
import { useReauthenticateWithPasskey } from '@/queries/passkeys'
// #endregion capability: passkeys
import { useReauthenticate } from '@/queries/reauthentication'
import { signInOptionsQuery } from '@/queries/sign-in-options'

const proofSchema = z.object({ proof: required('Fill in this field') })
type ProofValues = z.infer<typeof proofSchema>
const SERVER_FIELDS = ['proof'] as const
/** Each kind of proof the dialog takes, and the request's body for what was typed. */
const PROOFS = {
  password: (proof: string): Reauthenticate => ({ password: proof }),
  // #region capability: two_factor
  code: (proof: string): Reauthenticate => ({ code: proof.trim() }),
  // #endregion capability: two_factor
}
type Mode = keyof typeof PROOFS

/**
 * Asks for the password (or another proof the account has) when the API wants a fresh
 * proof of identity before a sensitive change (lib/reauthentication.ts); the change goes
 * ahead once it is given.
 */
export function ReauthenticationDialog() {
  const [open, setOpen] = useState(false)
  const [mode, setMode] = useState<Mode>('password')
  const { data: options } = useQuery(signInOptionsQuery())
  const done = useRef<((proven: boolean) => void) | null>(null)
  const reauthenticate = useReauthenticate()
  // #region capability: passkeys
  const withPasskey = useReauthenticateWithPasskey()
  // #endregion capability: passkeys
  const { register, handleSubmit, formState, setError, reset } = useForm<ProofValues>({
    resolver: zodResolver(proofSchema),
    defaultValues: { proof: '' },
  })
  const server = useServerErrors(setError, SERVER_FIELDS)

  useEffect(
    () =>
      answerProofRequests((resolve) => {
        done.current = resolve
        setOpen(true)
      }),
    [],
  )

  const finish = (proven: boolean) => {
    done.current?.(proven)
    done.current = null
    setOpen(false)
    setMode('password')
    reset()
    server.clear()
  }

  const submit = handleSubmit(({ proof }) => {
    server.clear()
    reauthenticate.mutate(PROOFS[mode](proof), {
      onSuccess: () => finish(true),
      onError: server.report,
    })
  })
  // #region capability: passkeys
  const provePasskey = () => {
    server.clear()
    withPasskey.mutate(undefined, { onSuccess: () => finish(true), onError: server.report })
  }
  // #endregion capability: passkeys
  // #region capability: two_factor
  const switchMode = () => {
    setMode(mode === 'password' ? 'code' : 'password')
    reset()
    server.clear()
  }
  // #endregion capability: two_factor

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? setOpen(true) : finish(false))}
      title="Confirm it's you"
      description="This change needs your password again, as it has been a while since you last entered it."
      onSubmit={submit}
      error={server.formError}
      submitLabel="Confirm"
      pendingLabel="Checking…"
      pending={reauthenticate.isPending}
    >
      {mode === 'password' ? (
        <InputField
          id="reauthenticate-password"
          label="Password"
          error={formState.errors.proof?.message}
          type="password"
          autoComplete="current-password"
          {...register('proof')}
        />
      ) : null}
      {/* #region capability: two_factor */}
      {mode === 'code' ? (
        <InputField
          id="reauthenticate-code"
          label="Authentication code"
          error={formState.errors.proof?.message}
          autoComplete="one-time-code"
          {...register('proof')}
        />
      ) : null}
      {options?.two_factor ? (
        <Button
          type="button"
          variant="link"
          className="justify-self-start px-0"
          onClick={switchMode}
        >
          {mode === 'password'
            ? 'Use a code from your authenticator app instead'
            : 'Use your password instead'}
        </Button>
      ) : null}
      {/* #endregion capability: two_factor */}
      {/* #region capability: passkeys */}
      {options?.passkeys && passkeysSupported() ? (
        <Button
          type="button"
          variant="outline"
          className="justify-self-start"
          disabled={withPasskey.isPending}
          onClick={provePasskey}
        >
          Use a passkey instead
        </Button>
      ) : null}
      {/* #endregion capability: passkeys */}
    </FormDialog>
  )
}
