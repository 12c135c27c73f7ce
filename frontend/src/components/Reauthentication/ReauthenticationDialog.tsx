import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import type { Reauthenticate } from '@/client/types.gen'
import { FormDialog } from '@/components/Common/FormDialog'
// #region capability: passkeys
import { PasskeyProofButton } from '@/components/Passkeys/PasskeyProofButton'
// #endregion capability: passkeys
// #region capability: two_factor
import { CodeProofSwitch } from '@/components/TwoFactor/CodeProofSwitch'
// #endregion capability: two_factor
import { InputField } from '@/components/ui/field'
import { useServerErrors } from '@/hooks/useServerErrors'
import { answerProofRequests } from '@/lib/reauthentication'
import { required } from '@/lib/validation'
import { useReauthenticate } from '@/queries/reauthentication'

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
  const done = useRef<((proven: boolean) => void) | null>(null)
  const reauthenticate = useReauthenticate()
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
      <CodeProofSwitch usingCode={mode === 'code'} onSwitch={switchMode} />
      {/* #endregion capability: two_factor */}
      {/* #region capability: passkeys */}
      <PasskeyProofButton
        onStart={server.clear}
        onProven={() => finish(true)}
        onError={server.report}
      />
      {/* #endregion capability: passkeys */}
    </FormDialog>
  )
}
