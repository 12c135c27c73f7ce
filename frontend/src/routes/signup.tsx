import { createFileRoute, Link, redirect } from '@tanstack/react-router'
import { useState } from 'react'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { SignupForm } from '@/components/Auth/SignupForm'
import { SignupSent } from '@/components/Auth/SignupSent'
import { ensureSession } from '@/lib/session'

export const Route = createFileRoute('/signup')({
  beforeLoad: async () => {
    if (await ensureSession()) throw redirect({ to: '/' })
  },
  staticData: { title: 'Sign up' },
  component: SignupPage,
})

function SignupPage() {
  const [sentTo, setSentTo] = useState<string | null>(null)
  if (sentTo !== null) {
    return (
      <AuthLayout title="Check your inbox">
        <SignupSent email={sentTo} />
      </AuthLayout>
    )
  }
  return (
    <AuthLayout
      title="Create an account"
      footer={
        <>
          Already have an account?{' '}
          <Link to="/login" className="font-medium text-primary underline-offset-4 hover:underline">
            Log in
          </Link>
        </>
      }
    >
      <SignupForm onSuccess={setSentTo} />
    </AuthLayout>
  )
}
