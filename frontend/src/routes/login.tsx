import { createFileRoute, Link, redirect, useRouter } from '@tanstack/react-router'
import { type ReactNode, useCallback } from 'react'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { LoginForm } from '@/components/Auth/LoginForm'
// #region capability: magic_links
import { MagicLinkRequest } from '@/components/MagicLink/MagicLinkRequest'
import { MagicLinkSignIn } from '@/components/MagicLink/MagicLinkSignIn'
// #endregion capability: magic_links
// #region capability: oauth
import { ProviderButtons } from '@/components/OAuth/ProviderButtons'
// #endregion capability: oauth
// #region capability: passkeys
import { PasskeySignInButton } from '@/components/Passkeys/PasskeySignInButton'
// #endregion capability: passkeys
// #region capability: oauth
import { readProviderReturn } from '@/lib/provider-return'
// #endregion capability: oauth
import { safeRedirect } from '@/lib/redirect'
import { readString } from '@/lib/search-params'
import {
  ensureSession,
  // #region capability: oauth
  refreshSession,
  // #endregion capability: oauth
} from '@/lib/session'
import { PASSWORD_ONLY, readSignInOptions } from '@/lib/sign-in-options'

type LoginSearch = {
  redirect?: string
  // #region capability: magic_links
  /** An emailed sign-in link's token. */
  magic?: string
  // #endregion capability: magic_links
}

export const Route = createFileRoute('/login')({
  validateSearch: (search): LoginSearch => ({
    redirect: readString(search.redirect),
    // #region capability: magic_links
    magic: readString(search.magic),
    // #endregion capability: magic_links
  }),
  beforeLoad: async ({ search }) => {
    if (await sessionOnArrival()) throw redirect({ href: safeRedirect(search.redirect) })
  },
  loader: () => readSignInOptions().catch(() => PASSWORD_ONLY),
  staticData: { title: 'Log in' },
  component: LoginPage,
})

/** Whether a session is there to go on with. */
async function sessionOnArrival(): Promise<boolean> {
  // #region capability: oauth
  // Back from a provider with the refresh cookie set: trade it for a session.
  if (readProviderReturn(window.location.hash)?.kind === 'signed-in') return refreshSession()
  // #endregion capability: oauth
  return ensureSession()
}

function LoginPage() {
  const search = Route.useSearch()
  // #region capability: magic_links
  const offersMagicLinks = Route.useLoaderData().magic_link
  // #endregion capability: magic_links
  // #region capability: passkeys
  const offersPasskeys = Route.useLoaderData().passkeys
  // #endregion capability: passkeys
  // #region capability: oauth
  const providers = Route.useLoaderData().providers
  // #endregion capability: oauth
  const router = useRouter()
  const target = search.redirect
  const goOn = useCallback(() => router.history.push(safeRedirect(target)), [router, target])
  // #region capability: magic_links
  if (search.magic && offersMagicLinks) {
    return (
      <LoginLayout>
        <MagicLinkSignIn
          token={search.magic}
          onSuccess={goOn}
          // #region capability: two_factor
          // #region capability: passkeys
          passkeys={offersPasskeys}
          // #endregion capability: passkeys
          // #endregion capability: two_factor
        />
      </LoginLayout>
    )
  }
  // #endregion capability: magic_links
  return (
    <LoginLayout>
      <LoginForm
        onSuccess={goOn}
        // #region capability: oauth
        returned={readProviderReturn(window.location.hash)}
        // #endregion capability: oauth
        // #region capability: two_factor
        // #region capability: passkeys
        passkeys={offersPasskeys}
        // #endregion capability: passkeys
        // #endregion capability: two_factor
      />
      {/* #region capability: magic_links */}
      {offersMagicLinks ? <MagicLinkRequest /> : null}
      {/* #endregion capability: magic_links */}
      {/* #region capability: passkeys */}
      {offersPasskeys ? <PasskeySignInButton onSuccess={goOn} /> : null}
      {/* #endregion capability: passkeys */}
      {/* #region capability: oauth */}
      {providers.length > 0 ? <ProviderButtons providers={providers} /> : null}
      {/* #endregion capability: oauth */}
    </LoginLayout>
  )
}

function LoginLayout({ children }: { children: ReactNode }) {
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
      {children}
    </AuthLayout>
  )
}
