import { createFileRoute, Link, redirect, useRouter } from '@tanstack/react-router'
import { useCallback } from 'react'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { LoginForm } from '@/components/Auth/LoginForm'
import { MagicLinkRequest } from '@/components/MagicLink/MagicLinkRequest'
import { MagicLinkSignIn } from '@/components/MagicLink/MagicLinkSignIn'
import { ProviderButtons } from '@/components/OAuth/ProviderButtons'
import { PasskeySignInButton } from '@/components/Passkeys/PasskeySignInButton'
import { safeRedirect } from '@/lib/redirect'
import { readString } from '@/lib/search-params'
import { ensureSession, refreshSession } from '@/lib/session'
import { PASSWORD_ONLY, readProviderReturn, readSignInOptions } from '@/lib/sign-in-options'

export const Route = createFileRoute('/login')({
  validateSearch: (search): { redirect?: string; magic?: string } => ({
    redirect: readString(search.redirect),
    magic: readString(search.magic),
  }),
  beforeLoad: async ({ search }) => {
    // Back from a provider with the refresh cookie set: trade it for a session.
    const signedInElsewhere = readProviderReturn(window.location.hash)?.kind === 'signed-in'
    if (signedInElsewhere ? await refreshSession() : await ensureSession()) {
      throw redirect({ href: safeRedirect(search.redirect) })
    }
  },
  loader: () => readSignInOptions().catch(() => PASSWORD_ONLY),
  staticData: { title: 'Log in' },
  component: LoginPage,
})

function LoginPage() {
  const { redirect: target, magic } = Route.useSearch()
  const options = Route.useLoaderData()
  const router = useRouter()
  const returned = readProviderReturn(window.location.hash)
  const goOn = useCallback(() => router.history.push(safeRedirect(target)), [router, target])
  return (
    <AuthLayout
      title="Log in"
      description="Welcome back. Log in with your email and password."
      footer={
        <>
          Don't have an account?{' '}
          <Link
            to="/signup"
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Sign up
          </Link>
        </>
      }
    >
      {magic && options.magic_link ? (
        <MagicLinkSignIn token={magic} onSuccess={goOn} passkeys={options.passkeys} />
      ) : (
        <>
          <LoginForm onSuccess={goOn} returned={returned} passkeys={options.passkeys} />
          {options.magic_link ? <MagicLinkRequest /> : null}
          {options.passkeys ? <PasskeySignInButton onSuccess={goOn} /> : null}
          {options.providers.length > 0 ? <ProviderButtons providers={options.providers} /> : null}
        </>
      )}
    </AuthLayout>
  )
}
