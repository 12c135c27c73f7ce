import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { RecoveryCodes, TwoFactorSetup as Setup } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
import { useConfirmTwoFactorSetup, useStartTwoFactorSetup } from '@/queries/two-factor'

/** Scan the QR code (or type the key), then confirm with the app's first code. */
export function TwoFactorSetup({ onEnabled }: { onEnabled: (codes: RecoveryCodes) => void }) {
  const [setup, setSetup] = useState<Setup | null>(null)
  const start = useStartTwoFactorSetup()

  if (setup === null) {
    return (
      <div className="grid gap-4">
        <FormError message={start.isError ? errorMessage(start.error) : null} />
        <div>
          <Button
            disabled={start.isPending}
            onClick={() => start.mutate(undefined, { onSuccess: setSetup })}
          >
            Set up two-factor authentication
          </Button>
        </div>
      </div>
    )
  }
  return <ConfirmSetup setup={setup} onEnabled={onEnabled} />
}

function ConfirmSetup({
  setup,
  onEnabled,
}: {
  setup: Setup
  onEnabled: (codes: RecoveryCodes) => void
}) {
  const confirm = useConfirmTwoFactorSetup()
  const { register, handleSubmit, formState } = useForm<{ code: string }>({
    defaultValues: { code: '' },
  })
  const submit = handleSubmit(({ code }) => confirm.mutate(code.trim(), { onSuccess: onEnabled }))

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <p className="text-sm">
        Scan this QR code with your authenticator app (Google Authenticator, 1Password, Aegis…).
      </p>
      <img
        src={setup.qr_code}
        alt="QR code to add this account to your authenticator app"
        className="size-48 rounded-md border bg-white"
      />
      <p className="text-sm">
        Or type this key into the app:{' '}
        <code className="break-all rounded bg-muted px-1 font-mono" data-testid="totp-secret">
          {setup.secret}
        </code>
      </p>
      <InputField
        id="totp-confirm-code"
        label="Code from the app"
        error={formState.errors.code?.message}
        autoComplete="one-time-code"
        inputMode="numeric"
        {...register('code', { required: 'Enter the 6-digit code the app shows' })}
      />
      <FormError message={confirm.isError ? errorMessage(confirm.error) : null} />
      <div>
        <Button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? 'Checking…' : 'Turn on'}
        </Button>
      </div>
    </form>
  )
}
