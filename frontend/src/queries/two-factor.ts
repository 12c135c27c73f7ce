import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  twoFactorConfirmTwoFactorSetup,
  twoFactorDisableTwoFactor,
  twoFactorReadTwoFactor,
  twoFactorRegenerateRecoveryCodes,
  twoFactorResetTwoFactor,
  twoFactorStartTwoFactorSetup,
} from '@/client/sdk.gen'
import type { TwoFactorDisable } from '@/client/types.gen'

export const twoFactorKeys = {
  all: ['two-factor'] as const,
  status: () => [...twoFactorKeys.all, 'status'] as const,
}

export function twoFactorStatusQuery() {
  return queryOptions({
    queryKey: twoFactorKeys.status(),
    queryFn: async () => {
      const { data } = await twoFactorReadTwoFactor({ throwOnError: true })
      return data
    },
  })
}

export function useStartTwoFactorSetup() {
  return useMutation({
    mutationFn: async () => {
      const { data } = await twoFactorStartTwoFactorSetup({ throwOnError: true })
      return data
    },
  })
}

export function useConfirmTwoFactorSetup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (code: string) => {
      const { data } = await twoFactorConfirmTwoFactorSetup({ body: { code }, throwOnError: true })
      return data
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorKeys.all }),
  })
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const { data } = await twoFactorRegenerateRecoveryCodes({ throwOnError: true })
      return data
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorKeys.all }),
  })
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: TwoFactorDisable) => {
      const { data } = await twoFactorDisableTwoFactor({ body, throwOnError: true })
      return data
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorKeys.all }),
  })
}

export function useResetTwoFactor() {
  return useMutation({
    mutationFn: async (userId: string) => {
      const { data } = await twoFactorResetTwoFactor({
        path: { user_id: userId },
        throwOnError: true,
      })
      return data
    },
  })
}
