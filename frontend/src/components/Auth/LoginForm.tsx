import { Link } from '@tanstack/react-router'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
import { lazyResolver } from '@/lib/lazy-resolver'
import { useLogin } from '@/queries/account'
import type { LoginValues } from './login-schema'

// The schema lives in ./login-schema and loads on first focus: /login renders without it.
const schema = lazyResolver<LoginValues>(() =>
  import('./login-schema').then((module) => module.loginResolver),
)

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin()
  const { register, handleSubmit, formState } = useForm<LoginValues>({
    resolver: schema.resolver,
    defaultValues: { email: '', password: '' },
  })
  const { errors } = formState
  const submit = handleSubmit((values) => login.mutate(values, { onSuccess: () => onSuccess() }))

  return (
    <form onSubmit={submit} onFocus={schema.preload} noValidate className="grid gap-4">
      <FormError message={login.isError ? errorMessage(login.error) : null} />
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
        type="password"
        autoComplete="current-password"
        {...register('password')}
      />
      <div className="text-right text-sm">
        <Link to="/recover-password" className="text-primary underline-offset-4 hover:underline">
          Forgot your password?
        </Link>
      </div>
      <Button type="submit" disabled={login.isPending}>
        {login.isPending ? 'Logging in…' : 'Log in'}
      </Button>
    </form>
  )
}
