import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  oauthConnectAccount,
  oauthDisconnectAccount,
  oauthReadConnectedAccounts,
} from '@/client/sdk.gen'

export const connectedAccountKeys = {
  all: ['connected-accounts'] as const,
}

export function connectedAccountsQuery() {
  return queryOptions({
    queryKey: connectedAccountKeys.all,
    queryFn: async () => {
      const { data } = await oauthReadConnectedAccounts({ throwOnError: true })
      return data
    },
  })
}

/** Starts the connection and sends the browser to the provider, which sends it back. */
export function useConnectAccount() {
  return useMutation({
    mutationFn: async (provider: string) => {
      const { data } = await oauthConnectAccount({ path: { provider }, throwOnError: true })
      window.location.assign(data.authorization_url)
      return data
    },
  })
}

export function useDisconnectAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (provider: string) => {
      const { data } = await oauthDisconnectAccount({ path: { provider }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectedAccountKeys.all }),
  })
}
