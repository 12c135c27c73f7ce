import { useId } from 'react'
import type { ActivityDay } from '@/client/types.gen'
import { activitySummary, eventsText, formatDay } from '@/lib/activity'

const WIDTH = 300
const HEIGHT = 100
const GAP = 2

/**
 * Events per day as bars, in plain SVG: a few dozen rectangles need no charting
 * library. Colours come from the theme's variables, so light and dark both work.
 * Screen readers get the summary sentence as the image's name and the numbers as
 * a table, which anyone can open too.
 */
export function ActivityChart({ days }: { days: ActivityDay[] }) {
  const id = useId()
  const top = Math.max(1, ...days.map((day) => day.events))
  const slot = WIDTH / Math.max(1, days.length)
  const summary = activitySummary(days)
  const first = days[0]
  const last = days.at(-1)
  return (
    <figure className="grid gap-2">
      <figcaption className="text-sm text-muted-foreground">{summary}</figcaption>
      <div className="flex gap-2">
        <span className="w-6 text-right text-xs text-muted-foreground" aria-hidden>
          {top}
        </span>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-32 w-full border-b border-l border-border"
          role="img"
          aria-labelledby={`${id}-title`}
        >
          <title id={`${id}-title`}>{`Events per day: ${summary}`}</title>
          {days.map((day, index) => {
            const height = (day.events / top) * HEIGHT
            return (
              <rect
                key={day.day}
                x={index * slot + GAP / 2}
                y={HEIGHT - height}
                width={slot - GAP}
                height={height}
                className="fill-primary"
              >
                <title>{`${formatDay(day.day)}: ${eventsText(day.events)}`}</title>
              </rect>
            )
          })}
        </svg>
      </div>
      {first && last ? (
        <div className="flex justify-between pl-8 text-xs text-muted-foreground" aria-hidden>
          <span>{formatDay(first.day)}</span>
          <span>{formatDay(last.day)}</span>
        </div>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer text-primary">Show the numbers</summary>
        <table className="mt-2 w-full max-w-xs text-left">
          <thead>
            <tr>
              <th scope="col" className="font-medium">
                Day (UTC)
              </th>
              <th scope="col" className="text-right font-medium">
                Events
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <td>{formatDay(day.day)}</td>
                <td className="text-right tabular-nums">{day.events}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
