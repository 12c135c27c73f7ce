const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
})

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '—'
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '—'
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * How long ago (or how far ahead) `iso` is, in words: "3 minutes ago". Under a
 * minute it says "just now", since the page doesn't re-render each second; past
 * a week it gives the date.
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000
  const distance = Math.abs(seconds)
  if (distance < MINUTE) return 'just now'
  if (distance < HOUR) return relativeFormat.format(Math.round(seconds / MINUTE), 'minute')
  if (distance < DAY) return relativeFormat.format(Math.round(seconds / HOUR), 'hour')
  if (distance < 7 * DAY) return relativeFormat.format(Math.round(seconds / DAY), 'day')
  return formatDateTime(iso)
}
