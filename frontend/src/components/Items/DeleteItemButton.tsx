import type { ItemPublic } from '@/client/types.gen'
import { ConfirmDeleteButton } from '@/components/Common/ConfirmDeleteButton'
import { useDeleteItem } from '@/queries/items'

export function DeleteItemButton({ item }: { item: ItemPublic }) {
  const deleteItem = useDeleteItem(item.organization_id)
  return (
    <ConfirmDeleteButton
      label={`Delete ${item.title}`}
      title="Delete item?"
      description={`"${item.title}" will be deleted permanently. This cannot be undone.`}
      pending={deleteItem.isPending}
      onConfirm={() => deleteItem.mutateAsync(item.id)}
      doneMessage="Item deleted"
    />
  )
}
