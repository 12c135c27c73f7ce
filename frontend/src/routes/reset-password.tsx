import { createFileRoute, Link, useNavigate } from '@tanstack/react-router'
import { toast } from 'sonner'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { ResetPasswordForm } from '@/components/Auth/ResetPasswordForm'
import { readString } from '@/lib/search-params'

export const Route = createFileRoute('/reset-password')({
  validateSearch: (search): { token?: string } => ({ token: readString(search.token) }),
  staticData: { title: 'Reset password' },
  component: ResetPasswordPage,
})

function ResetPasswordPage() {
  const { token } = Route.useSearch()
  const navigate = useNavigate()
  const onSuccess = () => {
    toast.success('Password updated', { description: 'Log in with your new password.' })
    void navigate({ to: '/login' })
  }
  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <Link to="/login" className="font-medium text-primary underline-offset-4 hover:underline">
          Back to log in
        </Link>
      }
    >
      {token ? (
        <ResetPasswordForm token={token} onSuccess={onSuccess} />
      ) : (
        <p role="alert" className="text-sm">
          This link is incomplete. Open the link from the email again, or{' '}
          <Link to="/recover-password" className="text-primary underline">
            ask for a new one
          </Link>
          .
        </p>
      )}
    </AuthLayout>
  )
}
