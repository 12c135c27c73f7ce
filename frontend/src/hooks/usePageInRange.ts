import { useEffect, useRef } from 'react'
import { pageCount } from '@/lib/pagination'

/**
 * Whether `page` exists for a list of `total` rows. When it doesn't (the last
 * rows of the last page were deleted, or the URL asks for `?page=99`), the list
 * moves to its last page, replacing the URL so Back doesn't return to a page
 * that isn't there.
 */
export function usePageInRange(
  page: number,
  total: number,
  goTo: (page: number, options: { replace: boolean }) => void,
): boolean {
  const last = pageCount(total)
  const inRange = page <= last
  // Callers pass a fresh arrow on every render; the move depends only on the numbers.
  const goToRef = useRef(goTo)
  goToRef.current = goTo
  useEffect(() => {
    if (!inRange) goToRef.current(last, { replace: true })
  }, [inRange, last])
  return inRange
}
