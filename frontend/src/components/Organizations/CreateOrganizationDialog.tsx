import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { useCreateOrganization } from '@/queries/organizations'
import { OrganizationForm, type OrganizationValues } from './OrganizationForm'

type CreateOrganizationDialogProps = { open: boolean; onOpenChange: (open: boolean) => void }

/** A new organization with oneself as its Owner; it becomes the active one. */
export function CreateOrganizationDialog({ open, onOpenChange }: CreateOrganizationDialogProps) {
  const create = useCreateOrganization()
  const onSubmit = (values: OrganizationValues) =>
    create.mutateAsync(values, {
      onSuccess: (organization) => {
        toast.success(`${organization.name} created`)
        onOpenChange(false)
      },
    })
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create organization</DialogTitle>
          <DialogDescription>
            A place to work together with others. You will be its Owner.
          </DialogDescription>
        </DialogHeader>
        {open ? (
          <OrganizationForm
            defaultValues={{ name: '', slug: '' }}
            suggestSlug
            pending={create.isPending}
            submitLabel="Create"
            onSubmit={onSubmit}
            footer={(submit) => (
              <DialogFooter>
                <DialogClose asChild>
                  <Button type="button" variant="outline">
                    Cancel
                  </Button>
                </DialogClose>
                {submit}
              </DialogFooter>
            )}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  )
}
