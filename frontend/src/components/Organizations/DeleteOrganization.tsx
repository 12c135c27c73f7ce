import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import type { OrganizationPublic } from '@/client/types.gen'
import { FormDialog } from '@/components/Common/FormDialog'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { InputField } from '@/components/ui/field'
import { useServerErrors } from '@/hooks/useServerErrors'
import { useDeleteOrganization } from '@/queries/organizations'

const SERVER_FIELDS = ['confirmation'] as const

type DeleteOrganizationProps = { organization: OrganizationPublic; mayDelete: boolean }

/** Deleting takes the organization's address typed out: it deletes everything in it. */
export function DeleteOrganization({ organization, mayDelete }: DeleteOrganizationProps) {
  const [open, setOpen] = useState(false)
  const remove = useDeleteOrganization(organization.id)
  const schema = z.object({
    confirmation: z
      .string()
      .check(z.refine((value) => value === organization.slug, `Type ${organization.slug}`)),
  })
  const { register, handleSubmit, formState, setError, reset } = useForm<{ confirmation: string }>({
    resolver: zodResolver(schema),
    defaultValues: { confirmation: '' },
  })
  const server = useServerErrors(setError, SERVER_FIELDS)
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset()
      server.clear()
    }
  }
  const submit = handleSubmit(({ confirmation }) => {
    server.clear()
    remove.mutate(confirmation, {
      onSuccess: () => {
        setOpen(false)
        toast.success(`${organization.name} deleted`)
      },
      onError: server.report,
    })
  })
  const why = organization.personal
    ? 'Your personal organization goes with your account: delete the account to delete it.'
    : mayDelete
      ? 'Deletes the organization and everything in it. This cannot be undone.'
      : 'Only an Owner can delete the organization.'
  return (
    <Card className="border-destructive/60">
      <CardTitle>Delete organization</CardTitle>
      <CardDescription>{why}</CardDescription>
      {mayDelete && !organization.personal ? (
        <FormDialog
          kind="alertdialog"
          open={open}
          onOpenChange={onOpenChange}
          trigger={
            <Button variant="destructive" className="mt-4">
              Delete organization
            </Button>
          }
          title={`Delete ${organization.name}?`}
          description={
            <>
              Everything in {organization.name}, its roles and invitations included, goes with it,
              for every member. Type <strong>{organization.slug}</strong> to confirm.
            </>
          }
          onSubmit={submit}
          error={server.formError}
          submitLabel="Delete organization"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          destructive
        >
          <InputField
            id="delete-organization-confirmation"
            label="The organization's address"
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            error={formState.errors.confirmation?.message}
            {...register('confirmation')}
          />
        </FormDialog>
      ) : null}
    </Card>
  )
}
