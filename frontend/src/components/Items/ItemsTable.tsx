import { Briefcase } from 'lucide-react'
import type { ItemPublic } from '@/client/types.gen'
// #region capability: file_storage
import { AttachmentsButton } from '@/components/Files/AttachmentsButton'
// #endregion capability: file_storage
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

/** What the caller may do to an item. */
export type ItemRights = (item: ItemPublic) => { edit: boolean; delete: boolean }

type ItemsTableProps = {
  items: ItemPublic[]
  rights: ItemRights
  /** An owner column, for lists that hold other people's items. */
  showOwner?: boolean
}

export function ItemsTable({ items, rights, showOwner = false }: ItemsTableProps) {
  if (items.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-md border border-dashed p-10 text-center">
        <Briefcase className="size-8 text-muted-foreground" aria-hidden />
        <h2 className="font-semibold">You don't have any items yet</h2>
        <p className="text-sm text-muted-foreground">Add your first item to get started.</p>
      </div>
    )
  }
  // Fixed layout: the columns keep their widths from page to page, whatever the
  // titles; long text is cut to one line with the whole of it in a tooltip. Below
  // the breakpoint where a column hides, its content moves under the title.
  return (
    <Table className="table-fixed">
      <TableHeader>
        <TableRow>
          <TableHead>Title</TableHead>
          {showOwner ? <TableHead className="hidden w-1/5 md:table-cell">Owner</TableHead> : null}
          <TableHead className="hidden sm:table-cell">Description</TableHead>
          <TableHead className="hidden w-36 md:table-cell">Created</TableHead>
          <TableHead className="w-40 text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <ItemRow key={item.id} item={item} showOwner={showOwner} may={rights(item)} />
        ))}
      </TableBody>
    </Table>
  )
}

type ItemRowProps = {
  item: ItemPublic
  showOwner: boolean
  may: ReturnType<ItemRights>
}

/** Who created an item; its creator's account may since have been deleted. */
const DELETED_ACCOUNT = 'Deleted account'

function ItemRow({ item, showOwner, may }: ItemRowProps) {
  const description = item.description || 'No description'
  const creator = item.owner_email ?? DELETED_ACCOUNT
  return (
    <TableRow>
      <TableCell title={item.title}>
        <div className="font-medium wrap-anywhere sm:truncate">{item.title}</div>
        <div className="mt-1 grid gap-0.5 text-sm text-muted-foreground md:hidden">
          {item.description ? (
            <p className="whitespace-pre-line wrap-anywhere sm:hidden">{item.description}</p>
          ) : null}
          {showOwner ? <p className="truncate">{creator}</p> : null}
          <p>{formatDate(item.created_at)}</p>
        </div>
      </TableCell>
      {showOwner ? (
        <TableCell className="hidden truncate md:table-cell" title={creator}>
          {creator}
        </TableCell>
      ) : null}
      <TableCell
        className="hidden truncate text-muted-foreground sm:table-cell"
        title={item.description ?? undefined}
      >
        {description}
      </TableCell>
      <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
        {formatDate(item.created_at)}
      </TableCell>
      <TableCell className="text-right whitespace-nowrap">
        {/* #region capability: file_storage */}
        <AttachmentsButton item={item} canChange={may.edit} />
        {/* #endregion capability: file_storage */}
        {may.edit ? <EditItemButton item={item} /> : null}
        {may.delete ? <DeleteItemButton item={item} /> : null}
      </TableCell>
    </TableRow>
  )
}
