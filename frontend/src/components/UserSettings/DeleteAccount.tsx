import { zodResolver } from '@hookform/resolvers/zod'
// #region capability: organizations
import { useQuery } from '@tanstack/react-query'
// #endregion capability: organizations
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import { FormDialog } from '@/components/Common/FormDialog'
// #region capability: organizations
import { AccountDeletionImpact } from '@/components/Organizations/AccountDeletionImpact'
// #endregion capability: organizations
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { InputField } from '@/components/ui/field'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { useServerErrors } from '@/hooks/useServerErrors'
import { setAccessToken } from '@/lib/access-token'
import { emitSessionEvent } from '@/lib/session-events'
import { required } from '@/lib/validation'
import {
  // #region capability: organizations
  accountDeletionQuery,
  // #endregion capability: organizations
  useDeleteMe,
} from '@/queries/users'

// An account without a password (signed up through another sign-in option, or created
// by an admin and not yet given one) confirms with its email typed out instead.
const withPassword = z.object({
  current_password: required('Enter your password to confirm'),
  confirmation: z.string(),
})
const withEmail = z.object({ current_password: z.string(), confirmation: z.string() })
type DeleteValues = z.infer<typeof withPassword>
const SERVER_FIELDS = ['current_password', 'confirmation'] as const

/** Whether `typed` is the account's email as the server compares them. */
function confirmsEmail(typed: string, email: string): boolean {
  return typed.trim().toLowerCase() === email.toLowerCase()
}

export function DeleteAccount() {
  const [open, setOpen] = useState(false)
  const user = useCurrentUser()
  const deleteMe = useDeleteMe()
  // #region capability: organizations
  const plan = useQuery({ ...accountDeletionQuery(), enabled: open })
  // #endregion capability: organizations
  const navigate = useNavigate()
  const { register, handleSubmit, formState, setError, reset, control } = useForm<DeleteValues>({
    resolver: zodResolver(user.has_password ? withPassword : withEmail),
    defaultValues: { current_password: '', confirmation: '' },
  })
  const typed = useWatch({ control, name: 'confirmation' })
  const blocked =
    // #region capability: organizations
    (plan.data?.blocking.length ?? 0) > 0 ||
    // #endregion capability: organizations
    (!user.has_password && !confirmsEmail(typed, user.email))
  const server = useServerErrors(setError, SERVER_FIELDS)
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset()
      server.clear()
    }
  }

  const submit = handleSubmit(({ current_password, confirmation }) => {
    server.clear()
    const body = user.has_password ? { current_password } : { confirmation }
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
        Permanently delete your account and everything that is yours. This cannot be undone.
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
        description={
          <>
            This deletes your account and everything that is yours, and logs out every device where
            you are signed in. It cannot be undone.
            {user.has_password ? null : (
              <>
                {' '}
                Your account has no password: type <strong>{user.email}</strong> to confirm.
              </>
            )}
          </>
        }
        // #region capability: organizations
        notice={
          <>
            {plan.data && <AccountDeletionImpact plan={plan.data} />}
            {plan.isPending && (
              <p className="text-sm text-muted-foreground">Checking your organizations…</p>
            )}
          </>
        }
        // #endregion capability: organizations
        onSubmit={submit}
        error={server.formError}
        submitLabel="Delete my account for good"
        pendingLabel="Deleting…"
        pending={deleteMe.isPending}
        blocked={blocked}
        destructive
      >
        {user.has_password ? (
          <InputField
            id="delete-current-password"
            label="Your password"
            error={formState.errors.current_password?.message}
            type="password"
            autoComplete="current-password"
            {...register('current_password')}
          />
        ) : (
          <InputField
            id="delete-confirmation"
            label="Your email address"
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            error={formState.errors.confirmation?.message}
            {...register('confirmation')}
          />
        )}
      </FormDialog>
    </Card>
  )
}
