import { Plus } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { useCreateItem } from '@/queries/items'
import { ItemForm, type ItemValues } from './ItemForm'

export function AddItemButton({ orgId }: { orgId: string }) {
  const [open, setOpen] = useState(false)
  const createItem = useCreateItem(orgId)
  const onSubmit = ({ title, description }: ItemValues) =>
    createItem.mutateAsync(
      { title, description: description || null },
      {
        onSuccess: () => {
          toast.success('Item created')
          setOpen(false)
        },
      },
    )
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          Add item
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add item</DialogTitle>
          <DialogDescription>
            Give the new item a title and, if you like, a description.
          </DialogDescription>
        </DialogHeader>
        <ItemForm
          defaultValues={{ title: '', description: '' }}
          submitLabel="Save"
          pending={createItem.isPending}
          onSubmit={onSubmit}
        />
      </DialogContent>
    </Dialog>
  )
}
