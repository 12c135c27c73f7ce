import type { ReactNode } from 'react'
import { Pagination } from '@/components/Common/Pagination'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { usePageInRange } from '@/hooks/usePageInRange'
import { pageCount } from '@/lib/pagination'

type PagedListProps = {
  page: number
  total: number
  onPageChange: (page: number, options?: { replace: boolean }) => void
  /** The rows of the page, or the list's empty state. */
  children: ReactNode
}

/**
 * One page of a list and its pagination. A page past the last one (its last rows
 * were deleted) moves to the last, so the list shows its empty state only when
 * there are no rows at all, never "Page 2 of 1".
 */
export function PagedList({ page, total, onPageChange, children }: PagedListProps) {
  const inRange = usePageInRange(page, total, onPageChange)
  if (!inRange) return <TableSkeleton label={`Going to page ${pageCount(total)}`} />
  return (
    <>
      {children}
      <Pagination page={page} total={total} onPageChange={onPageChange} />
    </>
  )
}
