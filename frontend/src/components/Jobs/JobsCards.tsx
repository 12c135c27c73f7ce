import type { ReactNode } from 'react'
import type { JobPublic } from '@/client/types.gen'
import { RelativeTime } from '@/components/Common/RelativeTime'
import { JobActions } from './JobActions'
import { JobError, JobKind, JobStateLabel } from './JobParts'
import { stateText } from './job-text'

/** The jobs on a phone: one card each, every field stacked under its name. */
export function JobsCards({ jobs }: { jobs: JobPublic[] }) {
  return (
    <ul aria-label="Jobs" className="grid gap-3 md:hidden">
      {jobs.map((job) => (
        <li
          key={job.id}
          aria-label={`${job.kind}, ${stateText(job.state).label}`}
          className="rounded-md border p-4 text-sm"
        >
          <div className="mb-3 flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
            <JobKind kind={job.kind} />
            <JobStateLabel state={job.state} />
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5">
            <Field name="Summary">{job.summary ?? '—'}</Field>
            <Field name="Attempts">{job.attempts}</Field>
            <Field name="Last error">
              <JobError error={job.last_error} />
            </Field>
            <Field name="Created">
              <RelativeTime iso={job.created_at} />
            </Field>
            <Field name="Started">
              <RelativeTime iso={job.started_at} />
            </Field>
            <Field name="Finished">
              <RelativeTime iso={job.finished_at} />
            </Field>
          </dl>
          <div className="mt-3 flex justify-end empty:hidden">
            <JobActions job={job} />
          </div>
        </li>
      ))}
    </ul>
  )
}

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{name}</dt>
      <dd className="min-w-0 wrap-anywhere">{children}</dd>
    </>
  )
}
