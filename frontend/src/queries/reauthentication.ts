import { useMutation } from '@tanstack/react-query'
import { reauthenticationReauthenticate } from '@/client/sdk.gen'
import type { Reauthenticate } from '@/client/types.gen'

export function useReauthenticate() {
  return useMutation({
    mutationFn: async (body: Reauthenticate) => {
      const { data } = await reauthenticationReauthenticate({ body, throwOnError: true })
      return data
    },
  })
}
