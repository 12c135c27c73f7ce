import type { ReactNode } from 'react'
import { PagedList } from '@/components/Common/PagedList'
import { PageHeader } from '@/components/Common/PageHeader'
import { TableSkeleton } from '@/components/Common/TableSkeleton'

type ListHeader = { title: string; description: string }

type ListPageProps = ListHeader & {
  action?: ReactNode
  page: number
  total: number
  onPageChange: (page: number, options?: { replace: boolean }) => void
  /** Filters and the table, above the pagination. */
  children: ReactNode
}

/**
 * A paginated list: header, table, pagination. A page past the last one moves
 * to the last, so a table shows its empty state only when there are no rows at all.
 */
export function ListPage({
  title,
  description,
  action,
  page,
  total,
  onPageChange,
  children,
}: ListPageProps) {
  return (
    <>
      <PageHeader title={title} description={description} action={action} />
      {/* One column no wider than the page: a wide table scrolls in its own
          frame instead of stretching the page past the window. */}
      <div className="grid grid-cols-1 gap-4">
        <PagedList page={page} total={total} onPageChange={onPageChange}>
          {children}
        </PagedList>
      </div>
    </>
  )
}

/** What a list page shows while its first page loads. */
export function ListPagePending({ title, description, label }: ListHeader & { label: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <TableSkeleton label={label} />
    </>
  )
}
