import { toast } from 'sonner'
import type { UserPublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
import { errorMessage } from '@/lib/errors'
import { useDeleteUser } from '@/queries/users'

export function DeleteUserButton({ user, isSelf }: { user: UserPublic; isSelf: boolean }) {
  const deleteUser = useDeleteUser()
  return (
    <ConfirmDeleteButton
      label={isSelf ? 'You cannot delete yourself' : `Delete ${user.email}`}
      disabled={isSelf}
      title="Delete user?"
      description={`${user.email} and all their items will be deleted permanently.`}
      pending={deleteUser.isPending}
      onConfirm={(close) =>
        deleteUser.mutate(user.id, {
          onSuccess: () => {
            toast.success('User deleted')
            close()
          },
          onError: (error) => toast.error(errorMessage(error)),
        })
      }
    />
  )
}
