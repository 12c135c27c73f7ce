import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { describedBy, Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input } from '@/components/ui/input'
import { errorMessage } from '@/lib/errors'
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

export function SignupForm({ onSuccess }: { onSuccess: (email: string) => void }) {
  const signup = useSignup()
  const { register, handleSubmit, formState } = useForm<SignupValues>({
    resolver: zodResolver(signupSchema),
    defaultValues: { full_name: '', email: '', password: '', confirm_password: '' },
  })
  const { errors } = formState
  const submit = handleSubmit(({ full_name, email, password }) =>
    signup.mutate(
      { email, password, full_name: full_name || null },
      { onSuccess: () => onSuccess(email) },
    ),
  )

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormError message={signup.isError ? errorMessage(signup.error) : null} />
      <Field id="full_name" label="Full name" error={errors.full_name?.message}>
        <Input
          autoComplete="name"
          {...describedBy('full_name', errors.full_name?.message)}
          {...register('full_name')}
        />
      </Field>
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input
          type="email"
          autoComplete="email"
          {...describedBy('email', errors.email?.message)}
          {...register('email')}
        />
      </Field>
      <Field
        id="password"
        label="Password"
        error={errors.password?.message}
        hint="8 to 128 characters; avoid common passwords."
      >
        <Input
          type="password"
          autoComplete="new-password"
          {...describedBy('password', errors.password?.message)}
          {...register('password')}
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
      <Button type="submit" disabled={signup.isPending}>
        {signup.isPending ? 'Creating account…' : 'Sign up'}
      </Button>
    </form>
  )
}
