import type { AccountDeletionPublic, OrganizationRef } from '@/client/types.gen'
import { FormError } from '@/components/ui/form-error'

function listed(organizations: OrganizationRef[]) {
  return organizations.map((organization) => organization.name).join(', ')
}

type AccountDeletionImpactProps = {
  plan: AccountDeletionPublic
  /** Whose account: the reader's own, or another user's address (a superuser's view). */
  of?: string
}

/** Says which organizations go with an account, which it merely leaves, and, as an
 * alert, which keep it from going. */
export function AccountDeletionImpact({ plan, of }: AccountDeletionImpactProps) {
  const { blocking, deleted, left } = plan
  const [who, is, whose] = of ? [of, 'is', 'their'] : ['You', 'are', 'your']
  return (
    <div className="grid gap-2 text-sm">
      {blocking.length > 0 && (
        <FormError
          message={`${who} ${is} the only Owner of ${listed(blocking)}, where others are members. Transfer ownership to an Admin, or remove the other members or the organization, before deleting ${whose} account.`}
        />
      )}
      {deleted.length > 0 && (
        <p>
          <span className="font-medium">Deleted with everything in them: </span>
          {listed(deleted)}
        </p>
      )}
      {left.length > 0 && (
        <p>
          <span className="font-medium">
            {of ? 'They leave' : 'You leave'}, and what {of ? 'they' : 'you'} created there stays,
            without {whose} name:{' '}
          </span>
          {listed(left)}
        </p>
      )}
    </div>
  )
}
