import { createFileRoute, Link, redirect } from '@tanstack/react-router'
import { useState } from 'react'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { SignupForm } from '@/components/Auth/SignupForm'
import { SignupSent } from '@/components/Auth/SignupSent'
import { safeRedirect } from '@/lib/redirect'
import { readString } from '@/lib/search-params'
import { ensureSession } from '@/lib/session'

/** `email` fills in the form; `redirect` is where the person goes once confirmed and
 * logged in (the page that sent them here), kept only when it is a path of the dashboard. */
type SignupSearch = { email?: string; redirect?: string }

export const Route = createFileRoute('/signup')({
  validateSearch: (search): SignupSearch => {
    const target = safeRedirect(readString(search.redirect))
    return { email: readString(search.email), redirect: target === '/' ? undefined : target }
  },
  beforeLoad: async ({ search }) => {
    if (await ensureSession()) throw redirect({ href: safeRedirect(search.redirect) })
  },
  staticData: { title: 'Sign up' },
  component: SignupPage,
})

function SignupPage() {
  const { email, redirect: next } = Route.useSearch()
  const [sentTo, setSentTo] = useState<string | null>(null)
  if (sentTo !== null) {
    return (
      <AuthLayout title="Check your inbox">
        <SignupSent email={sentTo} next={next} />
      </AuthLayout>
    )
  }
  return (
    <AuthLayout
      title="Create an account"
      footer={
        <>
          Already have an account?{' '}
          <Link
            to="/login"
            search={{ redirect: next }}
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Log in
          </Link>
        </>
      }
    >
      <SignupForm onSuccess={setSentTo} email={email} returnTo={next} />
    </AuthLayout>
  )
}
