import type { ReactNode } from 'react'
import { PageHeader } from '@/components/Common/PageHeader'
import { Pagination } from '@/components/Common/Pagination'
import { TableSkeleton } from '@/components/Common/TableSkeleton'

type ListHeader = { title: string; description: string }

type ListPageProps = ListHeader & {
  action?: ReactNode
  page: number
  total: number
  onPageChange: (page: number) => void
  /** Filters and the table, above the pagination. */
  children: ReactNode
}

/** A paginated list: header, table, pagination. */
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
      <div className="grid gap-4">
        {children}
        <Pagination page={page} total={total} onPageChange={onPageChange} />
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
