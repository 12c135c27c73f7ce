import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { useServerErrors } from '@/hooks/useServerErrors'
import { errorMessage } from '@/lib/errors'
import { newPasswordField, passwordsMatch, required } from '@/lib/validation'
import { useRecoverPassword } from '@/queries/account'
import { useUpdatePassword } from '@/queries/users'

const passwordSchema = z
  .object({
    current_password: required('Enter your current password'),
    new_password: newPasswordField,
    confirm_password: required('Repeat your new password'),
  })
  .check(passwordsMatch('new_password', 'confirm_password'))
type PasswordValues = z.infer<typeof passwordSchema>
const SERVER_FIELDS = ['current_password', 'new_password'] as const

/** The Password tab: change it, or, for an account without one, set one through a link. */
export function ChangePasswordForm() {
  const user = useCurrentUser()
  return user.has_password ? <PasswordChange /> : <PasswordByLink email={user.email} />
}

/** An account made another way (another sign-in option, or an admin who did not set one)
 * sets its first password the way a forgotten one is replaced: through a link mailed to it. */
function PasswordByLink({ email }: { email: string }) {
  const send = useRecoverPassword()
  return (
    <Card>
      <CardTitle>Set a password</CardTitle>
      <CardDescription>
        Your account has no password: you sign in another way. To add one, we email you a link where
        you choose it.
      </CardDescription>
      <div className="mt-6 grid gap-4">
        <FormError message={send.isError ? errorMessage(send.error) : undefined} />
        {send.isSuccess ? (
          <p role="status" className="text-sm">
            We have sent a link to <strong>{email}</strong>. It works for one hour.
          </p>
        ) : (
          <div>
            <Button type="button" onClick={() => send.mutate(email)} disabled={send.isPending}>
              {send.isPending ? 'Sending…' : 'Email me a link'}
            </Button>
          </div>
        )}
      </div>
    </Card>
  )
}

function PasswordChange() {
  const updatePassword = useUpdatePassword()
  const { register, handleSubmit, formState, reset, setError } = useForm<PasswordValues>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { current_password: '', new_password: '', confirm_password: '' },
  })
  const { errors } = formState
  const server = useServerErrors(setError, SERVER_FIELDS)
  const submit = handleSubmit(({ current_password, new_password }) => {
    server.clear()
    updatePassword.mutate(
      { current_password, new_password },
      {
        onSuccess: () => {
          reset()
          toast.success('Password changed', { description: 'Your other sessions were logged out.' })
        },
        onError: server.report,
      },
    )
  })

  return (
    <Card>
      <CardTitle>Change password</CardTitle>
      <CardDescription>Changing it logs you out everywhere else.</CardDescription>
      <form onSubmit={submit} noValidate className="mt-6 grid gap-4">
        <FormError message={server.formError} />
        <InputField
          id="current_password"
          label="Current password"
          error={errors.current_password?.message}
          type="password"
          autoComplete="current-password"
          {...register('current_password')}
        />
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
          label="Confirm new password"
          error={errors.confirm_password?.message}
          type="password"
          autoComplete="new-password"
          {...register('confirm_password')}
        />
        <div>
          <Button type="submit" disabled={updatePassword.isPending}>
            {updatePassword.isPending ? 'Saving…' : 'Change password'}
          </Button>
        </div>
      </form>
    </Card>
  )
}
