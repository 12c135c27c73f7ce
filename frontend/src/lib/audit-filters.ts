import type { AuditLogReadAuditLogData } from '@/client/types.gen'

type AuditQuery = NonNullable<AuditLogReadAuditLogData['query']>

/** The audit log's filters as the URL holds them: days are local calendar days. */
export type AuditFilters = {
  email?: string
  action?: NonNullable<AuditQuery['action']>
  /** First day shown, YYYY-MM-DD. */
  from?: string
  /** Last day shown, YYYY-MM-DD, itself included. */
  to?: string
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

function localMidnight(day: string, addDays = 0): Date | undefined {
  const match = DAY.exec(day)
  if (!match) return undefined
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number]
  // setFullYear, not the constructor: the constructor reads years below 100 as 19xx.
  const moment = new Date(0)
  moment.setFullYear(year, month - 1, date + addDays)
  moment.setHours(0, 0, 0, 0)
  return moment
}

/** A calendar day of the URL (`2026-01-31`), or undefined for anything else. */
export function readDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const moment = localMidnight(value)
  if (!moment || moment.getFullYear() < 1000) return undefined
  const again = [
    moment.getFullYear(),
    String(moment.getMonth() + 1).padStart(2, '0'),
    String(moment.getDate()).padStart(2, '0'),
  ].join('-')
  return again === value ? value : undefined
}

/** Why the days can't be a range, in words; null when they can. */
export function rangeProblem({ from, to }: AuditFilters): string | null {
  return from && to && to < from ? 'The “to” date is before the “from” date.' : null
}

/** The API's query: from the start of `from` to the end of `to`, in the browser's time zone. */
export function filtersToQuery({ email, action, from, to }: AuditFilters): AuditQuery {
  const since = from ? localMidnight(from) : undefined
  const before = to ? localMidnight(to, 1) : undefined
  return {
    email,
    action,
    since: since?.toISOString(),
    // Past the year 9999 there is nothing to leave out.
    before: before && before.getFullYear() <= 9999 ? before.toISOString() : undefined,
  }
}

export function hasFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined)
}
