import { Pencil } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import type { ItemPublic } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { useUpdateItem } from '@/queries/items'
import { ItemForm, type ItemValues } from './ItemForm'

export function EditItemButton({ item }: { item: ItemPublic }) {
  const [open, setOpen] = useState(false)
  const updateItem = useUpdateItem(item.organization_id)
  const onSubmit = ({ title, description }: ItemValues) =>
    updateItem.mutateAsync(
      { id: item.id, title, description: description || null },
      {
        onSuccess: () => {
          toast.success('Item updated')
          setOpen(false)
        },
      },
    )
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Edit ${item.title}`}>
          <Pencil aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit item</DialogTitle>
          <DialogDescription>Change the title or description.</DialogDescription>
        </DialogHeader>
        <ItemForm
          defaultValues={{ title: item.title, description: item.description ?? '' }}
          submitLabel="Save"
          pending={updateItem.isPending}
          onSubmit={onSubmit}
        />
      </DialogContent>
    </Dialog>
  )
}
