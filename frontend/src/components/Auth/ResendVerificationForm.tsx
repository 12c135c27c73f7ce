import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useServerErrors } from '@/hooks/useServerErrors'
import { emailField } from '@/lib/validation'
import { useResendVerification } from '@/queries/account'

const resendSchema = z.object({ email: emailField })
type ResendValues = z.infer<typeof resendSchema>
const SERVER_FIELDS = ['email'] as const

/** Ask for a new confirmation link when the one opened no longer works. */
export function ResendVerificationForm() {
  const resend = useResendVerification()
  const { register, handleSubmit, formState, getValues, setError } = useForm<ResendValues>({
    resolver: zodResolver(resendSchema),
    defaultValues: { email: '' },
  })
  const server = useServerErrors(setError, SERVER_FIELDS)

  if (resend.isSuccess) {
    return (
      <p role="status">
        If <strong>{getValues('email')}</strong> still needs confirming, a new link is on its way.
      </p>
    )
  }
  return (
    <form
      onSubmit={handleSubmit(({ email }) => {
        server.clear()
        resend.mutate(email, { onError: server.report })
      })}
      noValidate
      className="grid gap-4"
    >
      <InputField
        id="email"
        label="Email"
        error={formState.errors.email?.message}
        type="email"
        autoComplete="email"
        {...register('email')}
      />
      <FormError message={server.formError} />
      <Button type="submit" disabled={resend.isPending}>
        {resend.isPending ? 'Sending…' : 'Send a new link'}
      </Button>
    </form>
  )
}
