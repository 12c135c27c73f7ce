import { ChevronLeft, ChevronRight } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { pageCount } from '@/lib/pagination'

type PaginationProps = {
  page: number
  total: number
  onPageChange: (page: number) => void
}

export function Pagination({ page, total, onPageChange }: PaginationProps) {
  const pages = pageCount(total)
  if (pages <= 1) return null
  return (
    <nav aria-label="Pagination" className="flex items-center justify-end gap-2">
      <Button
        variant="outline"
        size="sm"
        disabled={page <= 1}
        onClick={() => onPageChange(page - 1)}
      >
        <ChevronLeft aria-hidden />
        Previous
      </Button>
      <span className="text-sm text-muted-foreground" aria-live="polite">
        Page {page} of {pages}
      </span>
      <Button
        variant="outline"
        size="sm"
        disabled={page >= pages}
        onClick={() => onPageChange(page + 1)}
      >
        Next
        <ChevronRight aria-hidden />
      </Button>
    </nav>
  )
}
