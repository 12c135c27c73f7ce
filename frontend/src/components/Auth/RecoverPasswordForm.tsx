import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useServerErrors } from '@/hooks/useServerErrors'
import { emailField } from '@/lib/validation'
import { useRecoverPassword } from '@/queries/account'

const recoverSchema = z.object({ email: emailField })
type RecoverValues = z.infer<typeof recoverSchema>
const SERVER_FIELDS = ['email'] as const

export function RecoverPasswordForm() {
  const recover = useRecoverPassword()
  const { register, handleSubmit, formState, getValues, setError } = useForm<RecoverValues>({
    resolver: zodResolver(recoverSchema),
    defaultValues: { email: '' },
  })
  const { errors } = formState
  const server = useServerErrors(setError, SERVER_FIELDS)

  if (recover.isSuccess) {
    return (
      <p role="status" className="text-sm">
        If an account exists for <strong>{getValues('email')}</strong>, we have sent it a link to
        choose a new password. The link works for one hour.
      </p>
    )
  }

  return (
    <form
      onSubmit={handleSubmit(({ email }) => {
        server.clear()
        recover.mutate(email, { onError: server.report })
      })}
      noValidate
      className="grid gap-4"
    >
      <InputField
        id="email"
        label="Email"
        error={errors.email?.message}
        type="email"
        autoComplete="email"
        {...register('email')}
      />
      <FormError message={server.formError} />
      <Button type="submit" disabled={recover.isPending}>
        {recover.isPending ? 'Sending…' : 'Send recovery link'}
      </Button>
    </form>
  )
}
