import { createFileRoute, Link, redirect, useNavigate } from '@tanstack/react-router'
import { toast } from 'sonner'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { SignupForm } from '@/components/Auth/SignupForm'
import { ensureSession } from '@/lib/session'

export const Route = createFileRoute('/signup')({
  beforeLoad: async () => {
    if (await ensureSession()) throw redirect({ to: '/' })
  },
  staticData: { title: 'Sign up' },
  component: SignupPage,
})

function SignupPage() {
  const navigate = useNavigate()
  const onSuccess = (email: string) => {
    toast.success('Account created', {
      description: `We sent a confirmation link to ${email}. You can log in now.`,
    })
    void navigate({ to: '/login' })
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
      <SignupForm onSuccess={onSuccess} />
    </AuthLayout>
  )
}
