import { zodResolver } from '@hookform/resolvers/zod'
import { Link } from '@tanstack/react-router'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useServerErrors } from '@/hooks/useServerErrors'
import { isLinkRefusal } from '@/lib/server-errors'
import { newPasswordField, passwordsMatch, required } from '@/lib/validation'
import { useResetPassword } from '@/queries/account'

const resetSchema = z
  .object({
    new_password: newPasswordField,
    confirm_password: required('Repeat your new password'),
  })
  .check(passwordsMatch('new_password', 'confirm_password'))
type ResetValues = z.infer<typeof resetSchema>
const SERVER_FIELDS = ['new_password'] as const

export function ResetPasswordForm({ token, onSuccess }: { token: string; onSuccess: () => void }) {
  const reset = useResetPassword()
  const { register, handleSubmit, formState, setError } = useForm<ResetValues>({
    resolver: zodResolver(resetSchema),
    defaultValues: { new_password: '', confirm_password: '' },
  })
  const { errors } = formState
  const server = useServerErrors(setError, SERVER_FIELDS)
  const submit = handleSubmit(({ new_password }) => {
    server.clear()
    reset.mutate({ token, new_password }, { onSuccess, onError: server.report })
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <InputField
        id="new_password"
        label="New password"
        error={errors.new_password?.message}
        type="password"
        autoComplete="new-password"
        {...register('new_password')}
      />
      <InputField
        id="confirm_password"
        label="Confirm password"
        error={errors.confirm_password?.message}
        type="password"
        autoComplete="new-password"
        {...register('confirm_password')}
      />
      <FormError message={server.formError}>
        {isLinkRefusal(server.formError) ? (
          <span className="mt-1 block">
            <Link to="/recover-password" className="font-medium underline underline-offset-4">
              Ask for a new link
            </Link>{' '}
            or{' '}
            <Link to="/login" className="font-medium underline underline-offset-4">
              log in
            </Link>
            .
          </span>
        ) : null}
      </FormError>
      <Button type="submit" disabled={reset.isPending}>
        {reset.isPending ? 'Saving…' : 'Set new password'}
      </Button>
    </form>
  )
}
