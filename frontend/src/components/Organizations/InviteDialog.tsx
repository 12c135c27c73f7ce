import { zodResolver } from '@hookform/resolvers/zod'
import { MailPlus } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import type { OrganizationPublic, RolePublic } from '@/client/types.gen'
import { FormDialog } from '@/components/Common/FormDialog'
import { Button } from '@/components/ui/button'
import { describedBy, Field, InputField } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { useServerErrors } from '@/hooks/useServerErrors'
import { emailField, required } from '@/lib/validation'
import { useInvite } from '@/queries/invitations'

const inviteSchema = z.object({
  email: emailField,
  role: required('Choose a role'),
})
type InviteValues = z.infer<typeof inviteSchema>
const SERVER_FIELDS = ['email', 'role'] as const

type InviteDialogProps = { organization: OrganizationPublic; roles: RolePublic[] }

/** Invite an address with a role one may hand out; the link goes out by email. */
export function InviteDialog({ organization, roles }: InviteDialogProps) {
  const [open, setOpen] = useState(false)
  const { mayGrant } = useOrganizationPermissions(organization)
  const choices = roles.filter((role) => mayGrant(role.permissions))
  const invite = useInvite(organization.id)
  const { register, handleSubmit, formState, setError, reset } = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: '', role: choices.some((r) => r.id === 'member') ? 'member' : '' },
  })
  const server = useServerErrors(setError, SERVER_FIELDS)
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset()
      server.clear()
    }
  }
  const submit = handleSubmit((values) => {
    server.clear()
    return invite
      .mutateAsync(values, {
        onSuccess: (invitation) => {
          toast.success(`Invitation sent to ${invitation.email}`)
          onOpenChange(false)
        },
      })
      .catch(server.report)
  })
  const roleError = formState.errors.role?.message
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button>
          <MailPlus aria-hidden />
          Invite
        </Button>
      }
      title="Invite someone"
      description={`They get an email with a link to join ${organization.name}, valid for a week.`}
      onSubmit={submit}
      error={server.formError}
      submitLabel="Send invitation"
      pendingLabel="Sending…"
      pending={invite.isPending}
    >
      <InputField
        id="invite-email"
        label="Email"
        type="email"
        autoComplete="off"
        error={formState.errors.email?.message}
        {...register('email')}
      />
      <Field id="invite-role" label="Role" error={roleError}>
        <Select {...describedBy('invite-role', roleError)} {...register('role')}>
          {choices.map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </Select>
      </Field>
    </FormDialog>
  )
}
