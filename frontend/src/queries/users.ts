import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  usersCancelEmailChange,
  usersCreateUser,
  usersDeleteUser,
  usersDeleteUserMe,
  // #region capability: organizations
  usersReadAccountDeletion,
  usersReadAccountDeletionMe,
  // #endregion capability: organizations
  usersReadUserMe,
  usersReadUsers,
  usersResendEmailChange,
  usersUpdatePasswordMe,
  usersUpdateUser,
  usersUpdateUserMe,
} from '@/client/sdk.gen'
import type { DeleteAccount, UserCreate, UserUpdate, UserUpdateMe } from '@/client/types.gen'
import { pageToQuery } from '@/lib/pagination'

export const userKeys = {
  all: ['users'] as const,
  me: () => [...userKeys.all, 'me'] as const,
  // #region capability: organizations
  accountDeletion: () => [...userKeys.me(), 'account-deletion'] as const,
  userAccountDeletion: (id: string) => [...userKeys.all, id, 'account-deletion'] as const,
  // #endregion capability: organizations
  lists: () => [...userKeys.all, 'list'] as const,
  list: (page: number) => [...userKeys.lists(), page] as const,
}

export function currentUserQuery() {
  return queryOptions({
    queryKey: userKeys.me(),
    queryFn: async () => {
      const { data } = await usersReadUserMe({ throwOnError: true })
      return data
    },
    staleTime: 5 * 60_000,
  })
}

// #region capability: organizations
/** What deleting one's account would do to one's organizations; read afresh
 * each time the dialog opens, since memberships change under it. */
export function accountDeletionQuery() {
  return queryOptions({
    queryKey: userKeys.accountDeletion(),
    queryFn: async () => {
      const { data } = await usersReadAccountDeletionMe({ throwOnError: true })
      return data
    },
    staleTime: 0,
  })
}

/** What deleting another user would do to their organizations (superusers). */
export function userAccountDeletionQuery(id: string) {
  return queryOptions({
    queryKey: userKeys.userAccountDeletion(id),
    queryFn: async () => {
      const { data } = await usersReadAccountDeletion({ path: { user_id: id }, throwOnError: true })
      return data
    },
    staleTime: 0,
  })
}
// #endregion capability: organizations

export function usersQuery(page: number) {
  return queryOptions({
    queryKey: userKeys.list(page),
    queryFn: async () => {
      const { data } = await usersReadUsers({ query: pageToQuery(page), throwOnError: true })
      return data
    },
  })
}

export function useUpdateMe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: UserUpdateMe) => {
      const { data } = await usersUpdateUserMe({ body, throwOnError: true })
      return data
    },
    onSuccess: (user) => queryClient.setQueryData(userKeys.me(), user),
  })
}

export function useResendEmailChange() {
  return useMutation({
    mutationFn: async () => {
      const { data } = await usersResendEmailChange({ throwOnError: true })
      return data
    },
  })
}

export function useCancelEmailChange() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const { data } = await usersCancelEmailChange({ throwOnError: true })
      return data
    },
    onSuccess: (user) => queryClient.setQueryData(userKeys.me(), user),
  })
}

export function useUpdatePassword() {
  return useMutation({
    mutationFn: async (body: { current_password: string; new_password: string }) => {
      const { data } = await usersUpdatePasswordMe({ body, throwOnError: true })
      return data
    },
  })
}

export function useDeleteMe() {
  return useMutation({
    mutationFn: async (body: DeleteAccount) => {
      const { data } = await usersDeleteUserMe({ body, throwOnError: true })
      return data
    },
  })
}

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (body: UserCreate) => {
      const { data } = await usersCreateUser({ body, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  })
}

export function useUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, ...body }: UserUpdate & { id: string }) => {
      const { data } = await usersUpdateUser({ path: { user_id: id }, body, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  })
}

export function useDeleteUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      const { data } = await usersDeleteUser({ path: { user_id: id }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  })
}
