// #region capability: organizations
import { useQuery } from '@tanstack/react-query'
// #endregion capability: organizations
import type { UserPublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
// #region capability: organizations
import { AccountDeletionImpact } from '@/components/Organizations/AccountDeletionImpact'
// #endregion capability: organizations
import {
  useDeleteUser,
  // #region capability: organizations
  userAccountDeletionQuery,
  // #endregion capability: organizations
} from '@/queries/users'

type DeleteUserButtonProps = {
  user: UserPublic
  isSelf: boolean
  /** The last active superuser: the API refuses to delete them. */
  isLastSuperuser: boolean
}

function refusal({ isSelf, isLastSuperuser }: Omit<DeleteUserButtonProps, 'user'>) {
  if (isSelf) return 'You cannot delete yourself'
  if (isLastSuperuser) return 'You cannot delete the only active superuser'
  return null
}

export function DeleteUserButton({ user, isSelf, isLastSuperuser }: DeleteUserButtonProps) {
  const deleteUser = useDeleteUser()
  const refused = refusal({ isSelf, isLastSuperuser })
  // A disabled button shows no tooltip of its own: its wrapper says why on hover.
  return (
    <span title={refused ?? undefined} className="inline-block">
      <ConfirmDeleteButton
        label={refused ?? `Delete ${user.email}`}
        disabled={refused !== null}
        title="Delete user?"
        description={`${user.email} will be deleted permanently.`}
        pending={deleteUser.isPending}
        onConfirm={() => deleteUser.mutateAsync(user.id)}
        doneMessage="User deleted"
        // #region capability: organizations
        details={<UserDeletionImpact user={user} />}
        // #endregion capability: organizations
      />
    </span>
  )
}

// #region capability: organizations
/** Read when the dialog opens: which of the user's organizations go, and which refuse. */
function UserDeletionImpact({ user }: { user: UserPublic }) {
  const plan = useQuery(userAccountDeletionQuery(user.id))
  return plan.data ? <AccountDeletionImpact plan={plan.data} of={user.email} /> : null
}
// #endregion capability: organizations
