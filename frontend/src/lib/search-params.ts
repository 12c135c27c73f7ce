// Search params are parsed by hand rather than with a schema library: these
// parsers run in the entry bundle, which every page (including /login) pays for.

export function readPage(value: unknown): number | undefined {
  const page = Number(value)
  return Number.isInteger(page) && page > 1 ? page : undefined
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

export function readOneOf<T extends string>(options: readonly T[], value: unknown): T | undefined {
  return options.find((option) => option === value)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function readUuid(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value : undefined
}

/** `?page=N` drives every paginated table; page 1 is the default and stays out of the URL. */
export function validatePageSearch(search: Record<string, unknown>): { page?: number } {
  return { page: readPage(search.page) }
}
