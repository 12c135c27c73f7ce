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
import { emailField, fullNameField } from '@/lib/validation'
import { useUpdateMe } from '@/queries/users'
import { PendingEmailChange } from './PendingEmailChange'

const profileSchema = z.object({
  full_name: fullNameField,
  email: emailField,
  current_password: z.string(),
})
type ProfileValues = z.infer<typeof profileSchema>
const SERVER_FIELDS = ['full_name', 'email', 'current_password'] as const

export function ProfileForm() {
  const user = useCurrentUser()
  const updateMe = useUpdateMe()
  const { register, handleSubmit, formState, watch, setError, reset } = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    defaultValues: { full_name: user.full_name ?? '', email: user.email, current_password: '' },
  })
  const { errors } = formState
  const server = useServerErrors(setError, SERVER_FIELDS)
  const emailChanged = watch('email').trim().toLowerCase() !== user.email.toLowerCase()

  // Changing the address is sensitive: the backend wants a recent proof of identity (the
  // re-authentication dialog asks for it when needed) and the password, if the account has one.
  const asksPassword = emailChanged && user.has_password
  const submit = handleSubmit(({ full_name, email, current_password }) => {
    if (asksPassword && !current_password) {
      setError('current_password', { message: 'Enter your password to change your email' })
      return
    }
    server.clear()
    updateMe.mutate(
      emailChanged
        ? { full_name: full_name || null, email, current_password: current_password || null }
        : { full_name: full_name || null },
      {
        onSuccess: (updated) => {
          // The form shows what is saved: a new address only counts once confirmed,
          // and until then it appears as a pending change below the field.
          reset({ full_name: updated.full_name ?? '', email: updated.email, current_password: '' })
          toast.success(
            updated.pending_email
              ? `Profile saved. Confirm ${updated.pending_email} with the link we sent to it.`
              : 'Profile saved',
          )
        },
        onError: server.report,
      },
    )
  })

  return (
    <Card>
      <CardTitle>Profile</CardTitle>
      <CardDescription>Your name and the address you log in with.</CardDescription>
      <form onSubmit={submit} noValidate className="mt-6 grid gap-4">
        <FormError message={server.formError} />
        <InputField
          id="full_name"
          label="Full name"
          error={errors.full_name?.message}
          autoComplete="name"
          {...register('full_name')}
        />
        <InputField
          id="email"
          label="Email"
          error={errors.email?.message}
          type="email"
          autoComplete="email"
          {...register('email')}
        />
        {user.pending_email && !emailChanged ? (
          <PendingEmailChange email={user.email} pendingEmail={user.pending_email} />
        ) : null}
        {emailChanged && !user.has_password ? (
          <p className="text-sm text-muted-foreground">
            We'll send a confirmation link to the new address.
          </p>
        ) : null}
        {asksPassword ? (
          <InputField
            id="current_password"
            label="Current password"
            error={errors.current_password?.message}
            hint="We'll send a confirmation link to the new address."
            type="password"
            autoComplete="current-password"
            {...register('current_password')}
          />
        ) : null}
        <div>
          <Button type="submit" disabled={updateMe.isPending}>
            {updateMe.isPending ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Card>
  )
}
