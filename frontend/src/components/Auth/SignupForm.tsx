import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useServerErrors } from '@/hooks/useServerErrors'
import {
  emailField,
  fullNameField,
  newPasswordField,
  passwordsMatch,
  required,
} from '@/lib/validation'
import { useSignup } from '@/queries/account'

const signupSchema = z
  .object({
    full_name: fullNameField,
    email: emailField,
    password: newPasswordField,
    confirm_password: required('Repeat your password'),
  })
  .check(passwordsMatch('password', 'confirm_password'))
type SignupValues = z.infer<typeof signupSchema>
const SERVER_FIELDS = ['full_name', 'email', 'password'] as const

type SignupFormProps = {
  onSuccess: (email: string) => void
  /** Filled in when the page that sent the person here knows their address. */
  email?: string
  /** A dashboard path the emailed confirmation link leads back to. */
  returnTo?: string
}

export function SignupForm({ onSuccess, email: knownEmail = '', returnTo }: SignupFormProps) {
  const signup = useSignup()
  const { register, handleSubmit, formState, setError } = useForm<SignupValues>({
    resolver: zodResolver(signupSchema),
    defaultValues: { full_name: '', email: knownEmail, password: '', confirm_password: '' },
  })
  const { errors } = formState
  const server = useServerErrors(setError, SERVER_FIELDS)
  const submit = handleSubmit(({ full_name, email, password }) => {
    server.clear()
    signup.mutate(
      { email, password, full_name: full_name || null, return_to: returnTo ?? null },
      { onSuccess: () => onSuccess(email), onError: server.report },
    )
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
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
      <InputField
        id="password"
        label="Password"
        error={errors.password?.message}
        hint="8 to 128 characters; avoid common passwords."
        type="password"
        autoComplete="new-password"
        {...register('password')}
      />
      <InputField
        id="confirm_password"
        label="Confirm password"
        error={errors.confirm_password?.message}
        type="password"
        autoComplete="new-password"
        {...register('confirm_password')}
      />
      {/* Above the button, so an error never moves the fields. */}
      <FormError message={server.formError} />
      <Button type="submit" disabled={signup.isPending}>
        {signup.isPending ? 'Creating account…' : 'Sign up'}
      </Button>
    </form>
  )
}
