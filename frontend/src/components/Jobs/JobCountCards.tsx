import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import type { JobCounts, JobState } from '@/client/types.gen'
import { cn } from '@/lib/utils'
import { JOB_STATES } from './job-states'
import { stateText } from './job-text'

const cardClass =
  'flex h-full flex-col gap-1 rounded-lg border bg-card p-3 text-sm shadow-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring data-[status=active]:border-primary data-[status=active]:ring-1 data-[status=active]:ring-primary'

/**
 * How many jobs are in each state, across every kind: one card per state, each
 * a link to the jobs in that state (the current one marked), and one for all.
 */
export function JobCountCards({ counts }: { counts: JobCounts }) {
  const total = JOB_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0)
  return (
    <nav aria-label="Jobs by state">
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(7.5rem,1fr))] gap-2">
        <li>
          <Link
            to="/jobs"
            search={{}}
            activeOptions={{ exact: true }}
            aria-label={`All, ${jobsText(total)}`}
            className={cardClass}
          >
            <CardText label="All" count={total} />
          </Link>
        </li>
        {JOB_STATES.map((state) => (
          <li key={state}>
            <StateCard state={state} count={counts[state] ?? 0} />
          </li>
        ))}
      </ul>
    </nav>
  )
}

function StateCard({ state, count }: { state: JobState; count: number }) {
  const { label, icon: Icon, tone } = stateText(state)
  return (
    <Link
      to="/jobs"
      search={{ state }}
      activeOptions={{ exact: true }}
      title={state}
      aria-label={`${label}, ${jobsText(count)}`}
      className={cardClass}
    >
      <CardText
        label={
          <span className={cn('inline-flex items-center gap-1.5', tone)}>
            <Icon className="size-4 shrink-0" aria-hidden />
            {label}
          </span>
        }
        count={count}
      />
    </Link>
  )
}

function jobsText(count: number): string {
  return `${count} job${count === 1 ? '' : 's'}`
}

function CardText({ label, count }: { label: ReactNode; count: number }) {
  return (
    <>
      <span className="font-medium">{label}</span>
      <span className="text-2xl font-semibold tabular-nums text-foreground">{count}</span>
    </>
  )
}
