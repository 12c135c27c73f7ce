import { Briefcase } from 'lucide-react'
import type { ItemPublic } from '@/client/types.gen'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table'
import { formatDate } from '@/lib/format'
import { DeleteItemButton } from './DeleteItemButton'
import { EditItemButton } from './EditItemButton'

type ItemsTableProps = {
  items: ItemPublic[]
  /** An owner column, for lists that hold other people's items. */
  showOwner?: boolean
}

export function ItemsTable({ items, showOwner = false }: ItemsTableProps) {
  if (items.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-md border border-dashed p-10 text-center">
        <Briefcase className="size-8 text-muted-foreground" aria-hidden />
        <h2 className="font-semibold">You don't have any items yet</h2>
        <p className="text-sm text-muted-foreground">Add your first item to get started.</p>
      </div>
    )
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Title</TableHead>
          {showOwner ? <TableHead>Owner</TableHead> : null}
          <TableHead className="hidden sm:table-cell">Description</TableHead>
          <TableHead className="hidden md:table-cell">Created</TableHead>
          <TableHead className="w-24 text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell className="font-medium">{item.title}</TableCell>
            {showOwner ? <TableCell>{item.owner_email}</TableCell> : null}
            <TableCell className="hidden max-w-xs truncate text-muted-foreground sm:table-cell">
              {item.description || 'No description'}
            </TableCell>
            <TableCell className="hidden text-muted-foreground md:table-cell">
              {formatDate(item.created_at)}
            </TableCell>
            <TableCell className="text-right whitespace-nowrap">
              <EditItemButton item={item} />
              <DeleteItemButton item={item} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
