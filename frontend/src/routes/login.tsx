import { createFileRoute, Link, redirect, useRouter } from '@tanstack/react-router'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { LoginForm } from '@/components/Auth/LoginForm'
import { safeRedirect } from '@/lib/redirect'
import { readString } from '@/lib/search-params'
import { ensureSession } from '@/lib/session'

export const Route = createFileRoute('/login')({
  validateSearch: (search): { redirect?: string } => ({ redirect: readString(search.redirect) }),
  beforeLoad: async ({ search }) => {
    if (await ensureSession()) throw redirect({ href: safeRedirect(search.redirect) })
  },
  staticData: { title: 'Log in' },
  component: LoginPage,
})

function LoginPage() {
  const { redirect: target } = Route.useSearch()
  const router = useRouter()
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
      <LoginForm onSuccess={() => router.history.push(safeRedirect(target))} />
    </AuthLayout>
  )
}
