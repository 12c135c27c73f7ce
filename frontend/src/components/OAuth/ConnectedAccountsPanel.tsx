import { useSuspenseQuery } from '@tanstack/react-query'
import { Suspense, useEffect } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { FormError } from '@/components/ui/form-error'
import { Skeleton } from '@/components/ui/skeleton'
import { errorMessage } from '@/lib/errors'
import {
  connectedAccountsQuery,
  useConnectAccount,
  useDisconnectAccount,
} from '@/queries/connected-accounts'

export function ConnectedAccountsPanel() {
  return (
    <Card>
      <CardTitle>Connected accounts</CardTitle>
      <CardDescription>Accounts elsewhere that can sign you in here.</CardDescription>
      <div className="mt-6">
        <Suspense fallback={<Skeleton className="h-10 w-64" role="status" aria-label="Loading" />}>
          <AccountsList />
        </Suspense>
      </div>
    </Card>
  )
}

function AccountsList() {
  const { data } = useSuspenseQuery(connectedAccountsQuery())
  const connect = useConnectAccount()
  const disconnect = useDisconnectAccount()
  useAnnounceConnection()
  const error = connect.error ?? disconnect.error
  const connected = new Set(data.data.map((account) => account.provider))

  return (
    <div className="grid gap-3">
      <FormError message={error ? errorMessage(error) : null} />
      <ul className="grid gap-2">
        {data.providers.map((provider) => {
          const account = data.data.find((a) => a.provider === provider.name)
          return (
            <li
              key={provider.name}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3"
            >
              <span className="text-sm">
                <strong>{provider.label}</strong>
                {account ? ` · ${account.email ?? 'connected'}` : ' · not connected'}
              </span>
              {connected.has(provider.name) ? (
                <Button
                  variant="outline"
                  size="sm"
                  disabled={!data.can_disconnect || disconnect.isPending}
                  title={data.can_disconnect ? undefined : 'Your only way to sign in'}
                  onClick={() => disconnect.mutate(provider.name)}
                >
                  Disconnect {provider.label}
                </Button>
              ) : (
                <Button
                  variant="outline"
                  size="sm"
                  disabled={connect.isPending}
                  onClick={() => connect.mutate(provider.name)}
                >
                  Connect {provider.label}
                </Button>
              )}
            </li>
          )
        })}
      </ul>
      {data.can_disconnect ? null : (
        <p className="text-sm text-muted-foreground">
          Set a password (Forgot password on the login page) before disconnecting your only way to
          sign in.
        </p>
      )}
    </div>
  )
}

/** Back from the provider: say so once, and clear the mark from the address. */
function useAnnounceConnection() {
  useEffect(() => {
    const connected = new URLSearchParams(window.location.hash.slice(1)).get('connected')
    if (!connected) return
    toast.success('Account connected')
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }, [])
}
