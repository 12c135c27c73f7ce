import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { TwoFactorChallenge } from '@/client/types.gen'
import { TwoFactorLoginStep } from '@/components/TwoFactor/TwoFactorLoginStep'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { errorMessage, retryAfter } from '@/lib/errors'
import { lazyResolver } from '@/lib/lazy-resolver'
import type { ProviderReturn } from '@/lib/sign-in-options'
import { useLogin } from '@/queries/account'
import type { LoginValues } from './login-schema'

// The schema lives in ./login-schema and loads on first focus: /login renders without it.
const schema = lazyResolver<LoginValues>(() =>
  import('./login-schema').then((module) => module.loginResolver),
)

export function LoginForm({
  onSuccess,
  returned = null,
  passkeys = false,
}: {
  onSuccess: () => void
  /** How a sign-in through a provider came back, if it did. */
  returned?: ProviderReturn
  /** Whether the second step may take a passkey. */
  passkeys?: boolean
}) {
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(
    returned?.kind === 'two-factor'
      ? { two_factor_required: true, challenge: returned.challenge, expires_in: 300 }
      : null,
  )
  const login = useLogin()
  const { register, handleSubmit, formState } = useForm<LoginValues>({
    resolver: schema.resolver,
    defaultValues: { email: '', password: '' },
  })
  const { errors } = formState
  const submit = handleSubmit((values) =>
    login.mutate(values, {
      onSuccess: (answer) => ('challenge' in answer ? setChallenge(answer) : onSuccess()),
    }),
  )

  if (challenge !== null) {
    return (
      <TwoFactorLoginStep
        challenge={challenge}
        onSuccess={onSuccess}
        onCancel={() => setChallenge(null)}
        passkeys={passkeys}
      />
    )
  }

  return (
    <form onSubmit={submit} onFocus={schema.preload} noValidate className="grid gap-4">
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
      {/* Under the fields, so its appearing doesn't move them. */}
      <FormError
        message={
          login.isError
            ? errorMessage(login.error)
            : returned?.kind === 'error' && login.status === 'idle'
              ? returned.message
              : null
        }
      >
        {login.isError && retryAfter(login.error) !== null ? <BlockedHelp /> : null}
      </FormError>
      <Button type="submit" disabled={login.isPending}>
        {login.isPending ? 'Logging in…' : 'Log in'}
      </Button>
    </form>
  )
}

/** Until the block ends even the right password is refused: the way out is a reset. */
function BlockedHelp() {
  return (
    <span className="mt-1 block">
      Until then even the right password is refused. Not sure of it?{' '}
      <Link to="/recover-password" className="font-medium underline underline-offset-4">
        Reset your password
      </Link>{' '}
      by email to log in now.
    </span>
  )
}
