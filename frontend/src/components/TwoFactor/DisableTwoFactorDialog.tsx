import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { FormDialog } from '@/components/Common/FormDialog'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { errorMessage } from '@/lib/errors'
import { useDisableTwoFactor } from '@/queries/two-factor'

type DisableValues = { current_password: string; code: string }

export function DisableTwoFactorDialog() {
  const [open, setOpen] = useState(false)
  const disable = useDisableTwoFactor()
  const { register, handleSubmit, formState, reset } = useForm<DisableValues>({
    defaultValues: { current_password: '', code: '' },
  })
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset()
      disable.reset()
    }
  }
  const submit = handleSubmit((body) =>
    disable.mutate(
      { current_password: body.current_password, code: body.code.trim() },
      {
        onSuccess: () => {
          onOpenChange(false)
          toast.success('Two-factor authentication is off')
        },
      },
    ),
  )

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={<Button variant="destructive">Turn off</Button>}
      title="Turn off two-factor authentication?"
      description="Logging in will ask for your password only. Confirm with your password and a code."
      onSubmit={submit}
      error={disable.isError ? errorMessage(disable.error) : null}
      submitLabel="Turn off"
      pendingLabel="Turning off…"
      pending={disable.isPending}
      destructive
    >
      <InputField
        id="disable-two-factor-password"
        label="Your password"
        type="password"
        autoComplete="current-password"
        error={formState.errors.current_password?.message}
        {...register('current_password', { required: 'Enter your password' })}
      />
      <InputField
        id="disable-two-factor-code"
        label="Code from the app, or a recovery code"
        autoComplete="one-time-code"
        error={formState.errors.code?.message}
        {...register('code', { required: 'Enter a code' })}
      />
    </FormDialog>
  )
}
