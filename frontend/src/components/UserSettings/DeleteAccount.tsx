import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import { FormDialog } from '@/components/Common/FormDialog'
import { AccountDeletionImpact } from '@/components/Organizations/AccountDeletionImpact'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { InputField } from '@/components/ui/field'
import { useServerErrors } from '@/hooks/useServerErrors'
import { setAccessToken } from '@/lib/access-token'
import { emitSessionEvent } from '@/lib/session-events'
import { required } from '@/lib/validation'
import { accountDeletionQuery, useDeleteMe } from '@/queries/users'

const deleteSchema = z.object({ current_password: required('Enter your password to confirm') })
type DeleteValues = z.infer<typeof deleteSchema>
const SERVER_FIELDS = ['current_password'] as const

export function DeleteAccount() {
  const [open, setOpen] = useState(false)
  const deleteMe = useDeleteMe()
  const plan = useQuery({ ...accountDeletionQuery(), enabled: open })
  const blocked = (plan.data?.blocking.length ?? 0) > 0
  const navigate = useNavigate()
  const { register, handleSubmit, formState, setError, reset } = useForm<DeleteValues>({
    resolver: zodResolver(deleteSchema),
    defaultValues: { current_password: '' },
  })
  const server = useServerErrors(setError, SERVER_FIELDS)
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset()
      server.clear()
    }
  }

  const submit = handleSubmit((body) => {
    server.clear()
    deleteMe.mutate(body, {
      onSuccess: async () => {
        setAccessToken(null)
        setOpen(false)
        toast.success('Your account has been deleted')
        await navigate({ to: '/login' })
        emitSessionEvent('changed')
      },
      onError: server.report,
    })
  })

  return (
    <Card className="border-destructive/60">
      <CardTitle>Delete account</CardTitle>
      <CardDescription>
        Permanently delete your account, with the organizations only you belong to and their items.
        This cannot be undone.
      </CardDescription>
      <FormDialog
        kind="alertdialog"
        open={open}
        onOpenChange={onOpenChange}
        trigger={
          <Button variant="destructive" className="mt-4">
            Delete my account
          </Button>
        }
        title="Delete your account?"
        description="This deletes your account and the organizations only you belong to, with their items and files, and logs out every device where you are signed in. Items you created in organizations others belong to stay there. It cannot be undone."
        notice={
          <>
            {plan.data && <AccountDeletionImpact plan={plan.data} />}
            {plan.isPending && (
              <p className="text-sm text-muted-foreground">Checking your organizations…</p>
            )}
          </>
        }
        onSubmit={submit}
        error={server.formError}
        submitLabel="Delete my account and items"
        pendingLabel="Deleting…"
        pending={deleteMe.isPending}
        blocked={blocked}
        destructive
      >
        <InputField
          id="delete-current-password"
          label="Your password"
          error={formState.errors.current_password?.message}
          type="password"
          autoComplete="current-password"
          {...register('current_password')}
        />
      </FormDialog>
    </Card>
  )
}
