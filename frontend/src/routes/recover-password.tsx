import { createFileRoute, Link } from '@tanstack/react-router'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { RecoverPasswordForm } from '@/components/Auth/RecoverPasswordForm'

export const Route = createFileRoute('/recover-password')({
  staticData: { title: 'Recover password' },
  component: RecoverPasswordPage,
})

function RecoverPasswordPage() {
  return (
    <AuthLayout
      title="Recover your password"
      description="Enter your email and we will send you a link to choose a new password."
      footer={
        <Link to="/login" className="font-medium text-primary underline-offset-4 hover:underline">
          Back to log in
        </Link>
      }
    >
      <RecoverPasswordForm />
    </AuthLayout>
  )
}
