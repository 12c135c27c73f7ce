import { render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { PAGE_SIZE } from '@/lib/pagination'
import { PagedList } from './PagedList'

/** A list of `total` rows that starts on `start`, its page kept in component state. */
function List({ start, total }: { start: number; total: number }) {
  const [page, setPage] = useState(start)
  return (
    <PagedList page={page} total={total} onPageChange={setPage}>
      <p>{total === 0 ? 'Nothing yet' : `Rows of page ${page}`}</p>
    </PagedList>
  )
}

describe('PagedList', () => {
  it('shows the page and where it is among the others', () => {
    render(<List start={2} total={PAGE_SIZE * 2 + 1} />)
    expect(screen.getByText('Rows of page 2')).toBeInTheDocument()
    expect(screen.getByText('Page 2 of 3')).toBeInTheDocument()
  })

  it('moves to the last page when its page no longer exists', async () => {
    render(<List start={2} total={PAGE_SIZE} />)
    expect(await screen.findByText('Rows of page 1')).toBeInTheDocument()
    expect(screen.queryByText(/Page \d of/)).toBeNull()
  })

  it('shows the empty state only on the first page of an empty list', async () => {
    render(<List start={3} total={0} />)
    expect(await screen.findByText('Nothing yet')).toBeInTheDocument()
  })

  it('asks to replace the history entry, not to add one, when it moves', () => {
    const onPageChange = vi.fn()
    render(
      <PagedList page={4} total={PAGE_SIZE * 2} onPageChange={onPageChange}>
        <p>Rows</p>
      </PagedList>,
    )
    expect(onPageChange).toHaveBeenCalledExactlyOnceWith(2, { replace: true })
    expect(screen.getByRole('status', { name: 'Going to page 2' })).toBeInTheDocument()
    expect(screen.queryByText('Rows')).toBeNull()
  })
})
