export const PAGE_SIZE = 10

export function pageToQuery(page: number): { skip: number; limit: number } {
  return { skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE))
}

/** The `page` search param for a page: page 1 stays out of the URL. */
export function pageParam(page: number): number | undefined {
  return page > 1 ? page : undefined
}
