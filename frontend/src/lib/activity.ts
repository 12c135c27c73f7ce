import type { ActivityDay } from '@/client/types.gen'

// The API's days are UTC calendar days: they are read and written as UTC so
// that a browser west of Greenwich does not show each one a day early.
const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
})

/** "3 Dec" for the API's "2026-12-03". */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`))
}

export function eventsText(events: number): string {
  return `${events} ${events === 1 ? 'event' : 'events'}`
}

/** One sentence that says what the chart shows: the total and the busiest day. */
export function activitySummary(days: ActivityDay[]): string {
  const total = days.reduce((sum, day) => sum + day.events, 0)
  if (total === 0) return `No events in the last ${days.length} days.`
  const busiest = days.reduce((top, day) => (day.events > top.events ? day : top))
  return `${eventsText(total)} in the last ${days.length} days; the busiest day was ${formatDay(busiest.day)}, with ${eventsText(busiest.events)}.`
}
