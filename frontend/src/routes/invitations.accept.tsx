import { createFileRoute, Link, useNavigate } from '@tanstack/react-router'
import { useEffect } from 'react'
import { AuthLayout } from '@/components/Auth/AuthLayout'
import { Button, buttonVariants } from '@/components/ui/button'
import { FormError } from '@/components/ui/form-error'
import { useAction } from '@/hooks/useAction'
import { rememberOrganization } from '@/lib/active-organization'
import { errorMessage } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { acceptInvitation, previewInvitation } from '@/lib/invitations'
import { readString } from '@/lib/search-params'
import { ensureSession } from '@/lib/session'

export const Route = createFileRoute('/invitations/accept')({
  validateSearch: (search): { token?: string } => ({ token: readString(search.token) }),
  beforeLoad: async () => ({ signedIn: await ensureSession() }),
  staticData: { title: 'Join an organization' },
  component: AcceptInvitationPage,
})

const linkClass = 'font-medium text-primary underline-offset-4 hover:underline'

/** An emailed invitation: what it offers, then accepting it once signed in with its address. */
function AcceptInvitationPage() {
  const { token } = Route.useSearch()
  const { signedIn } = Route.useRouteContext()
  const preview = useAction(previewInvitation)
  const accept = useAction(acceptInvitation)
  const navigate = useNavigate()
  const { mutate: load } = preview
  // Looking does not use the link up: only accepting does.
  useEffect(() => {
    if (token) load(token)
  }, [token, load])
  const here = `/invitations/accept?token=${encodeURIComponent(token ?? '')}`
  const onAccept = () =>
    token &&
    accept.mutate(token, {
      onSuccess: (organization) => {
        rememberOrganization(organization.id)
        void navigate({ to: '/' })
      },
    })
  return (
    <AuthLayout title="Join an organization">
      {!token ? (
        <p role="alert" className="text-sm">
          This link is incomplete. Open the link from the email again.
        </p>
      ) : null}
      {preview.isError ? (
        <p role="alert" className="text-sm">
          {errorMessage(preview.error)}
        </p>
      ) : null}
      {token && (preview.isPending || preview.status === 'idle') ? (
        <p role="status" className="text-sm">
          Opening the invitation…
        </p>
      ) : null}
      {preview.data ? (
        <div className="grid gap-4 text-sm">
          <p>
            {preview.data.inviter_email ?? 'Someone'} invited <strong>{preview.data.email}</strong>{' '}
            to join <strong>{preview.data.organization_name}</strong> as {preview.data.role_name}.
            The invitation is valid until {formatDate(preview.data.expires_at)}.
          </p>
          <FormError message={accept.isError ? errorMessage(accept.error) : null} />
          {signedIn ? (
            <Button onClick={onAccept} disabled={accept.isPending}>
              {accept.isPending ? 'Joining…' : `Join ${preview.data.organization_name}`}
            </Button>
          ) : (
            <>
              <Link to="/login" search={{ redirect: here }} className={buttonVariants()}>
                Log in to accept
              </Link>
              <p className="text-muted-foreground">
                No account yet?{' '}
                <Link
                  to="/signup"
                  search={{ email: preview.data.email, redirect: here }}
                  className={linkClass}
                >
                  Create an account
                </Link>{' '}
                with {preview.data.email}: once you confirm the address and log in, you are back
                here to join.
              </p>
            </>
          )}
        </div>
      ) : null}
    </AuthLayout>
  )
}
