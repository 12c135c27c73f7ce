import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { describedBy, Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { errorMessage } from '@/lib/errors'
import { newPasswordField, passwordsMatch, required } from '@/lib/validation'
import { useResetPassword } from '@/queries/account'

const resetSchema = z
  .object({
    new_password: newPasswordField,
    confirm_password: required('Repeat your new password'),
  })
  .check(passwordsMatch('new_password', 'confirm_password'))
type ResetValues = z.infer<typeof resetSchema>

export function ResetPasswordForm({ token, onSuccess }: { token: string; onSuccess: () => void }) {
  const reset = useResetPassword()
  const { register, handleSubmit, formState } = useForm<ResetValues>({
    resolver: zodResolver(resetSchema),
    defaultValues: { new_password: '', confirm_password: '' },
  })
  const { errors } = formState
  const submit = handleSubmit(({ new_password }) =>
    reset.mutate({ token, new_password }, { onSuccess }),
  )

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormError message={reset.isError ? errorMessage(reset.error) : null} />
      <Field id="new_password" label="New password" error={errors.new_password?.message}>
        <Input
          type="password"
          autoComplete="new-password"
          {...describedBy('new_password', errors.new_password?.message)}
          {...register('new_password')}
        />
      </Field>
      <Field
        id="confirm_password"
        label="Confirm password"
        error={errors.confirm_password?.message}
      >
        <Input
          type="password"
          autoComplete="new-password"
          {...describedBy('confirm_password', errors.confirm_password?.message)}
          {...register('confirm_password')}
        />
      </Field>
      <Button type="submit" disabled={reset.isPending}>
        {reset.isPending ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  )
}
