import { toast } from 'sonner'
import type { OrganizationPublic } from '@/client/types.gen'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { errorMessage } from '@/lib/errors'
import { useLeaveOrganization } from '@/queries/members'

type LeaveOrganizationProps = { organization: OrganizationPublic; lastOwner: boolean }

/** Leaving, unless one cannot: a personal organization, or its last Owner (with why). */
export function LeaveOrganization({ organization, lastOwner }: LeaveOrganizationProps) {
  const leave = useLeaveOrganization(organization.id)
  if (organization.role === null) return null
  const why = organization.personal
    ? 'This is your personal organization: it stays yours as long as your account exists.'
    : lastOwner
      ? 'You are its last Owner, so you cannot leave: make an Admin the Owner first, so that someone can still manage it.'
      : `You lose access to ${organization.name} at once; what you created stays.`
  const blocked = organization.personal || lastOwner
  return (
    <Card>
      <CardTitle>Leave organization</CardTitle>
      <CardDescription id="leave-organization-why">{why}</CardDescription>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button
            variant="outline"
            className="mt-4"
            disabled={blocked}
            aria-describedby="leave-organization-why"
          >
            Leave {organization.name}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogTitle>Leave {organization.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            You will need a new invitation to come back.
          </AlertDialogDescription>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button
              variant="destructive"
              disabled={leave.isPending}
              onClick={() =>
                leave.mutate(undefined, {
                  onSuccess: () => toast.success(`You left ${organization.name}`),
                  onError: (error) => toast.error(errorMessage(error)),
                })
              }
            >
              {leave.isPending ? 'Leaving…' : 'Leave'}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </Card>
  )
}
