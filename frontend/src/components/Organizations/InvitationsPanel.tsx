import { useSuspenseQuery } from '@tanstack/react-query'
import { Send } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import type { InvitationPublic, OrganizationPublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
import { EmptyList } from '@/components/Common/EmptyList'
import { PagedList } from '@/components/Common/PagedList'
import { Button } from '@/components/ui/button'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { errorMessage } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { invitationsQuery, useResendInvitation, useRevokeInvitation } from '@/queries/invitations'
import { rolesQuery } from '@/queries/roles'
import { InviteDialog } from './InviteDialog'

/** Invitations nobody has accepted yet, and inviting someone new. */
export function InvitationsPanel({ organization }: { organization: OrganizationPublic }) {
  const [page, setPage] = useState(1)
  const { data } = useSuspenseQuery(invitationsQuery(organization.id, page))
  const { data: roles } = useSuspenseQuery(rolesQuery(organization.id))
  const { can, roleName } = useOrganizationPermissions(organization)
  const mayInvite = can('invitations:write')
  return (
    <div className="grid grid-cols-1 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-sm text-muted-foreground">
          {mayInvite
            ? 'Pending invitations, newest first. A resent invitation gets a new link.'
            : `Pending invitations, newest first. As ${roleName}, you cannot invite anyone.`}
        </p>
        {mayInvite ? <InviteDialog organization={organization} roles={roles} /> : null}
      </div>
      <PagedList page={page} total={data.count} onPageChange={setPage}>
        {data.data.length === 0 ? (
          <EmptyList>No pending invitations.</EmptyList>
        ) : (
          <ul className="grid gap-3" aria-label="Pending invitations">
            {data.data.map((invitation) => (
              <InvitationRow
                key={invitation.id}
                organization={organization}
                invitation={invitation}
                mayChange={mayInvite}
              />
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  )
}

type InvitationRowProps = {
  organization: OrganizationPublic
  invitation: InvitationPublic
  mayChange: boolean
}

function InvitationRow({ organization, invitation, mayChange }: InvitationRowProps) {
  const resend = useResendInvitation(organization.id)
  const revoke = useRevokeInvitation(organization.id)
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-4">
      <div className="grid min-w-0">
        <span className="truncate font-medium">{invitation.email}</span>
        <span className="text-sm text-muted-foreground">
          {invitation.role_name}
          {invitation.inviter_email ? `, invited by ${invitation.inviter_email}` : ''} · expires{' '}
          {formatDate(invitation.expires_at)}
        </span>
      </div>
      {mayChange ? (
        <div className="flex items-center gap-1">
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Resend the invitation to ${invitation.email}`}
            disabled={resend.isPending}
            onClick={() =>
              resend.mutate(invitation.id, {
                onSuccess: () => toast.success(`Invitation sent again to ${invitation.email}`),
                onError: (error) => toast.error(errorMessage(error)),
              })
            }
          >
            <Send aria-hidden />
          </Button>
          <ConfirmDeleteButton
            label={`Revoke the invitation to ${invitation.email}`}
            title="Revoke invitation?"
            description={`The link sent to ${invitation.email} stops working.`}
            confirmLabel="Revoke"
            pendingLabel="Revoking…"
            pending={revoke.isPending}
            onConfirm={() => revoke.mutateAsync(invitation.id)}
            doneMessage="Invitation revoked"
          />
        </div>
      ) : null}
    </li>
  )
}
