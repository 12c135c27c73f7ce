import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  passkeysAddPasskey,
  passkeysDeletePasskey,
  passkeysReadPasskeys,
  passkeysReauthenticate,
  passkeysReauthenticationOptions,
  passkeysRegistrationOptions,
  passkeysRenamePasskey,
} from '@/client/sdk.gen'
import { createPasskey, signWithPasskey } from '@/lib/webauthn'

export const passkeyKeys = {
  all: ['passkeys'] as const,
}

export function passkeysQuery() {
  return queryOptions({
    queryKey: passkeyKeys.all,
    queryFn: async () => {
      const { data } = await passkeysReadPasskeys({ throwOnError: true })
      return data
    },
  })
}

/** The registration ceremony: the server's options, the authenticator, the server again. */
export function useAddPasskey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (name: string) => {
      const { data: started } = await passkeysRegistrationOptions({ throwOnError: true })
      const credential = await createPasskey(started.options)
      const { data } = await passkeysAddPasskey({ body: { name, credential }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeyKeys.all }),
  })
}

export function useRenamePasskey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, name }: { id: string; name: string }) => {
      const { data } = await passkeysRenamePasskey({
        path: { passkey_id: id },
        body: { name },
        throwOnError: true,
      })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeyKeys.all }),
  })
}

export function useDeletePasskey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      const { data } = await passkeysDeletePasskey({ path: { passkey_id: id }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeyKeys.all }),
  })
}

/** A passkey as the fresh proof of identity a sensitive change asks for. */
export function useReauthenticateWithPasskey() {
  return useMutation({
    mutationFn: async () => {
      const { data: started } = await passkeysReauthenticationOptions({ throwOnError: true })
      const credential = await signWithPasskey(started.options)
      const { data } = await passkeysReauthenticate({ body: { credential }, throwOnError: true })
      return data
    },
  })
}
