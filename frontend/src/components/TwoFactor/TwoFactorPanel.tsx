import { useSuspenseQuery } from '@tanstack/react-query'
import { Suspense, useState } from 'react'
import type { RecoveryCodes } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { FormError } from '@/components/ui/form-error'
import { Skeleton } from '@/components/ui/skeleton'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { errorMessage } from '@/lib/errors'
import { signInOptionsQuery } from '@/queries/sign-in-options'
import { twoFactorStatusQuery, useRegenerateRecoveryCodes } from '@/queries/two-factor'
import { DisableTwoFactorDialog } from './DisableTwoFactorDialog'
import { RecoveryCodesList } from './RecoveryCodesList'
import { TwoFactorSetup } from './TwoFactorSetup'

export function TwoFactorPanel() {
  return (
    <Card>
      <CardTitle>Two-factor authentication</CardTitle>
      <CardDescription>
        After your password, logging in also asks for a code from an authenticator app on your
        phone.
      </CardDescription>
      <div className="mt-6">
        <Suspense fallback={<Skeleton className="h-10 w-64" role="status" aria-label="Loading" />}>
          <TwoFactorState />
        </Suspense>
      </div>
    </Card>
  )
}

function TwoFactorState() {
  const { data: status } = useSuspenseQuery(twoFactorStatusQuery())
  const { data: options } = useSuspenseQuery(signInOptionsQuery())
  const user = useCurrentUser()
  const [codes, setCodes] = useState<RecoveryCodes | null>(null)
  const regenerate = useRegenerateRecoveryCodes()

  if (codes !== null) return <RecoveryCodesList codes={codes.codes} onDone={() => setCodes(null)} />
  if (!status.enabled) {
    return (
      <div className="grid gap-4">
        {options.two_factor_required_for_superusers && user.is_superuser ? (
          <p role="status" className="rounded-md border bg-muted/40 px-3 py-2 text-sm">
            Superusers must turn on two-factor authentication before they can manage the app.
          </p>
        ) : null}
        <TwoFactorSetup onEnabled={setCodes} />
      </div>
    )
  }
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        Two-factor authentication is <strong>on</strong>. {status.recovery_codes_left} of 10
        recovery codes left.
      </p>
      <FormError message={regenerate.isError ? errorMessage(regenerate.error) : null} />
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          disabled={regenerate.isPending}
          onClick={() => regenerate.mutate(undefined, { onSuccess: setCodes })}
        >
          New recovery codes
        </Button>
        <DisableTwoFactorDialog />
      </div>
    </div>
  )
}
