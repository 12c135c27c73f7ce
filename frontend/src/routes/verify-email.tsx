import { createFileRoute, Link } from '@tanstack/react-router'
import { useEffect, useRef } from 'react'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { ResendVerificationForm } from '@/components/Auth/ResendVerificationForm'
import { buttonVariants } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'
import { safeRedirect } from '@/lib/redirect'
import { readString } from '@/lib/search-params'
import { useVerifyEmail } from '@/queries/account'

export const Route = createFileRoute('/verify-email')({
  // `next`: the page that sent the person to sign up, reached through the login page.
  validateSearch: (search): { token?: string; next?: string } => {
    const next = safeRedirect(readString(search.next))
    return { token: readString(search.token), next: next === '/' ? undefined : next }
  },
  staticData: { title: 'Confirm email' },
  component: VerifyEmailPage,
})

function VerifyEmailPage() {
  const { token, next } = Route.useSearch()
  const verify = useVerifyEmail()
  // Tokens are single-use: send each one once, even when effects run twice in development.
  const sent = useRef<string | null>(null)
  const { mutate } = verify

  useEffect(() => {
    if (token && sent.current !== token) {
      sent.current = token
      mutate(token)
    }
  }, [token, mutate])

  return (
    <AuthLayout
      title="Confirm your email"
      footer={
        <Link to="/" className="font-medium text-primary underline-offset-4 hover:underline">
          Go to the dashboard
        </Link>
      }
    >
      {verify.isError ? (
        <div className="grid gap-4 text-sm">
          <p role="alert">{errorMessage(verify.error)}</p>
          <p>
            <Link
              to="/login"
              className="font-medium text-primary underline-offset-4 hover:underline"
            >
              Log in
            </Link>{' '}
            if your address is confirmed, or have a new link sent:
          </p>
          <ResendVerificationForm />
        </div>
      ) : (
        <div role="status" className="text-sm">
          {!token ? 'This link is incomplete. Open the link from the email again.' : null}
          {token && (verify.isPending || verify.status === 'idle')
            ? 'Confirming your email address…'
            : null}
          {verify.isSuccess ? 'Your email address is confirmed. Thank you!' : null}
        </div>
      )}
      {verify.isSuccess && next ? (
        <Link to="/login" search={{ redirect: next }} className={buttonVariants()}>
          Log in to continue
        </Link>
      ) : null}
    </AuthLayout>
  )
}
