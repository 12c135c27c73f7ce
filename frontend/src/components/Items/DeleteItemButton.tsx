import { toast } from 'sonner'
import type { ItemPublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
import { errorMessage } from '@/lib/errors'
import { useDeleteItem } from '@/queries/items'

export function DeleteItemButton({ item }: { item: ItemPublic }) {
  const deleteItem = useDeleteItem(item.organization_id)
  return (
    <ConfirmDeleteButton
      label={`Delete ${item.title}`}
      title="Delete item?"
      description={`"${item.title}" will be deleted permanently. This cannot be undone.`}
      pending={deleteItem.isPending}
      onConfirm={(close) =>
        deleteItem.mutateAsync(item.id).then(
          () => {
            toast.success('Item deleted')
            close()
          },
          (error: unknown) => toast.error(errorMessage(error)),
        )
      }
    />
  )
}
