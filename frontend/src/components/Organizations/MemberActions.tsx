import { Crown } from 'lucide-react'
import { toast } from 'sonner'
import type { MemberPublic, OrganizationPublic, RolePublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { Select } from '@/components/ui/select'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { errorMessage } from '@/lib/errors'
import { useRemoveMember, useUpdateMember } from '@/queries/members'
import { useTransferOwnership } from '@/queries/organizations'

type MemberProps = { organization: OrganizationPublic; member: MemberPublic; roles: RolePublic[] }

export function memberName(member: MemberPublic): string {
  return member.full_name || member.email
}

/**
 * A member's role, as a choice for those who may change it: the roles one may hand
 * out (none stronger than one's own), and an Owner's role only for those who may
 * make and unmake Owners.
 */
export function MemberRole({ organization, member, roles }: MemberProps) {
  const { can, mayGrant, me } = useOrganizationPermissions(organization)
  const update = useUpdateMember(organization.id)
  const ownerRights = can('organization:admin')
  const editable =
    can('members:write') && member.user_id !== me.id && (member.role !== 'owner' || ownerRights)
  if (!editable) return <span>{member.role_name}</span>
  const choices = roles.filter((role) => role.id === member.role || mayGrant(role.permissions))
  return (
    <Select
      aria-label={`Role of ${memberName(member)}`}
      className="h-9 w-40"
      value={member.role}
      disabled={update.isPending}
      onChange={(event) =>
        update.mutate(
          { userId: member.user_id, role: event.target.value },
          {
            onSuccess: (changed) =>
              toast.success(`${memberName(member)} is now ${changed.role_name}`),
            onError: (error) => toast.error(errorMessage(error)),
          },
        )
      }
    >
      {choices.map((role) => (
        <option key={role.id} value={role.id}>
          {role.name}
        </option>
      ))}
    </Select>
  )
}

/** Removing a member and, for an Owner, handing the organization over to an Admin. */
export function MemberActions({ organization, member }: Omit<MemberProps, 'roles'>) {
  const { can, me } = useOrganizationPermissions(organization)
  const remove = useRemoveMember(organization.id)
  const name = memberName(member)
  const mayRemove =
    can('members:write') &&
    member.user_id !== me.id &&
    (member.role !== 'owner' || can('organization:admin'))
  return (
    <>
      {can('organization:admin') && member.role === 'admin' ? (
        <TransferOwnership organization={organization} member={member} />
      ) : null}
      {mayRemove ? (
        <ConfirmDeleteButton
          label={`Remove ${name}`}
          title={`Remove ${name}?`}
          description={`${name} loses access to ${organization.name} at once. What they created stays.`}
          confirmLabel="Remove"
          pendingLabel="Removing…"
          pending={remove.isPending}
          onConfirm={() => remove.mutateAsync(member.user_id)}
          doneMessage={`${name} removed`}
        />
      ) : null}
    </>
  )
}

function TransferOwnership({ organization, member }: Omit<MemberProps, 'roles'>) {
  const transfer = useTransferOwnership(organization.id)
  const name = memberName(member)
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Make ${name} the Owner`}>
          <Crown aria-hidden />
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Make {name} the Owner?</AlertDialogTitle>
        <AlertDialogDescription>
          {name} becomes the Owner of {organization.name}, and you become an Admin.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button
            disabled={transfer.isPending}
            onClick={() =>
              transfer.mutate(member.user_id, {
                onSuccess: () => toast.success(`${name} is now the Owner`),
                onError: (error) => toast.error(errorMessage(error)),
              })
            }
          >
            {transfer.isPending ? 'Handing over…' : 'Hand over ownership'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
