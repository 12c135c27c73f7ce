export const PAGE_SIZE = 10

export function pageToQuery(page: number): { skip: number; limit: number } {
  return { skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE))
}
