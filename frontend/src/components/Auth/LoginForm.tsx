import { Link } from '@tanstack/react-router'
// #region capability: two_factor
import { useState } from 'react'
// #endregion capability: two_factor
import { useForm } from 'react-hook-form'
import type {
  Token,
  // #region capability: two_factor
  TwoFactorChallenge,
  // #endregion capability: two_factor
} from '@/client/types.gen'
// #region capability: two_factor
import { TwoFactorLoginStep } from '@/components/TwoFactor/TwoFactorLoginStep'
// #endregion capability: two_factor
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { errorMessage, retryAfter } from '@/lib/errors'
import { lazyResolver } from '@/lib/lazy-resolver'
// #region capability: oauth
import type { ProviderReturn } from '@/lib/provider-return'
// #endregion capability: oauth
import { useLogin } from '@/queries/account'
import type { LoginValues } from './login-schema'

// The schema lives in ./login-schema and loads on first focus: /login renders without it.
const schema = lazyResolver<LoginValues>(() =>
  import('./login-schema').then((module) => module.loginResolver),
)

export function LoginForm({
  onSuccess,
  // #region capability: oauth
  returned = null,
  // #endregion capability: oauth
  // #region capability: two_factor
  // #region capability: passkeys
  passkeys = false,
  // #endregion capability: passkeys
  // #endregion capability: two_factor
}: {
  /** Signed in: the new session's tokens. */
  onSuccess: (session: Token) => void
  // #region capability: oauth
  /** How a sign-in through a provider came back, if it did. */
  returned?: ProviderReturn
  // #endregion capability: oauth
  // #region capability: two_factor
  // #region capability: passkeys
  /** Whether the second step may take a passkey. */
  passkeys?: boolean
  // #endregion capability: passkeys
  // #endregion capability: two_factor
}) {
  // #region capability: two_factor
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null)
  // #region capability: oauth
  // Back from a provider with the second step to take.
  const [providerChallenge, setProviderChallenge] = useState(
    returned?.kind === 'two-factor' ? returned.challenge : null,
  )
  // #endregion capability: oauth
  // #endregion capability: two_factor
  const login = useLogin()
  const { register, handleSubmit, formState } = useForm<LoginValues>({
    resolver: schema.resolver,
    defaultValues: { email: '', password: '' },
  })
  const { errors } = formState
  const submit = handleSubmit((values) =>
    login.mutate(values, {
      onSuccess: (answer) => {
        // #region capability: two_factor
        if ('challenge' in answer) {
          setChallenge(answer)
          return
        }
        // #endregion capability: two_factor
        onSuccess(answer)
      },
    }),
  )

  // #region capability: two_factor
  if (challenge !== null) {
    return (
      <TwoFactorLoginStep
        challenge={challenge}
        onSuccess={onSuccess}
        onCancel={() => setChallenge(null)}
        // #region capability: passkeys
        passkeys={passkeys}
        // #endregion capability: passkeys
      />
    )
  }
  // #region capability: oauth
  if (providerChallenge !== null) {
    return (
      <TwoFactorLoginStep
        challenge={{ two_factor_required: true, challenge: providerChallenge, expires_in: 300 }}
        onSuccess={onSuccess}
        onCancel={() => setProviderChallenge(null)}
        // #region capability: passkeys
        passkeys={passkeys}
        // #endregion capability: passkeys
      />
    )
  }
  // #endregion capability: oauth
  // #endregion capability: two_factor

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
      <FormError message={login.isError ? errorMessage(login.error) : null}>
        {login.isError && retryAfter(login.error) !== null ? <BlockedHelp /> : null}
      </FormError>
      {/* #region capability: oauth */}
      <FormError
        message={returned?.kind === 'error' && login.status === 'idle' ? returned.message : null}
      />
      {/* #endregion capability: oauth */}
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
