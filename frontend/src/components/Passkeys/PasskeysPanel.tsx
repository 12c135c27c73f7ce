import { useSuspenseQuery } from '@tanstack/react-query'
import { Suspense } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { FormError } from '@/components/ui/form-error'
import { Skeleton } from '@/components/ui/skeleton'
import { errorMessage } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { passkeysQuery, useDeletePasskey } from '@/queries/passkeys'
import { AddPasskeyForm } from './AddPasskeyForm'
import { RenamePasskeyDialog } from './RenamePasskeyDialog'

export function PasskeysPanel() {
  return (
    <Card>
      <CardTitle>Passkeys</CardTitle>
      <CardDescription>
        Sign in with your fingerprint, face or device PIN instead of a password. A passkey also
        stands in for the authenticator code.
      </CardDescription>
      <div className="mt-6">
        <Suspense fallback={<Skeleton className="h-10 w-64" role="status" aria-label="Loading" />}>
          <PasskeysList />
        </Suspense>
      </div>
    </Card>
  )
}

function PasskeysList() {
  const { data } = useSuspenseQuery(passkeysQuery())
  const remove = useDeletePasskey()

  return (
    <div className="grid gap-4">
      {data.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">You have no passkeys yet.</p>
      ) : (
        <ul className="grid gap-2" aria-label="Your passkeys">
          {data.data.map((passkey) => (
            <li
              key={passkey.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3"
            >
              <span className="grid text-sm">
                <strong>{passkey.name}</strong>
                <span className="text-muted-foreground">
                  Added {formatDate(passkey.created_at)} ·{' '}
                  {passkey.last_used_at
                    ? `last used ${formatDate(passkey.last_used_at)}`
                    : 'never used'}
                </span>
              </span>
              <span className="flex gap-2">
                <RenamePasskeyDialog passkey={passkey} />
                <Button
                  variant="outline"
                  size="sm"
                  disabled={!data.can_delete || remove.isPending}
                  title={data.can_delete ? undefined : 'Your only way to sign in'}
                  onClick={() =>
                    remove.mutate(passkey.id, {
                      onSuccess: () => toast.success(`Passkey “${passkey.name}” removed`),
                    })
                  }
                >
                  Remove {passkey.name}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <FormError message={remove.isError ? errorMessage(remove.error) : null} />
      {data.can_delete ? null : (
        <p className="text-sm text-muted-foreground">
          Set a password (Forgot password on the login page) or add another passkey before removing
          your only way to sign in.
        </p>
      )}
      <AddPasskeyForm />
    </div>
  )
}
