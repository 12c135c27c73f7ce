import type { AccountDeletionPublic, OrganizationRef } from '@/client/types.gen'
import { FormError } from '@/components/ui/form-error'

function listed(organizations: OrganizationRef[]) {
  return organizations.map((organization) => organization.name).join(', ')
}

/** Says which organizations go with the account, which it merely leaves,
 * and, as an alert, which keep it from going. */
export function AccountDeletionImpact({ plan }: { plan: AccountDeletionPublic }) {
  const { blocking, deleted, left } = plan
  return (
    <div className="grid gap-2 text-sm">
      {blocking.length > 0 && (
        <FormError
          message={`You are the only Owner of ${listed(blocking)}, where others are members. Transfer ownership to an Admin, or remove the other members or the organization, before deleting your account.`}
        />
      )}
      {deleted.length > 0 && (
        <p>
          <span className="font-medium">Deleted with their items and files: </span>
          {listed(deleted)}
        </p>
      )}
      {left.length > 0 && (
        <p>
          <span className="font-medium">You leave, and the items you created there go: </span>
          {listed(left)}
        </p>
      )}
    </div>
  )
}
