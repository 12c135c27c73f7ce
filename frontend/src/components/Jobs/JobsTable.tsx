import type { JobPublic } from '@/client/types.gen'
import { EmptyList } from '@/components/Common/EmptyList'
import { RelativeTime } from '@/components/Common/RelativeTime'
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table'
import { JobActions } from './JobActions'
import { JobError, JobKind, JobStateLabel } from './JobParts'
import { JobsCards } from './JobsCards'

type JobsTableProps = {
  jobs: JobPublic[]
  /** Whether a state or kind narrows the list: an empty list then says so. */
  filtered: boolean
}

/** Every field of every job: a table from tablet width up, stacked cards on phones. */
export function JobsTable({ jobs, filtered }: JobsTableProps) {
  if (jobs.length === 0) {
    return (
      <EmptyList>
        {filtered
          ? 'No jobs match these filters.'
          : 'No jobs yet. Emails and scheduled work show here as they run.'}
      </EmptyList>
    )
  }
  return (
    <>
      <JobsCards jobs={jobs} />
      <div className="hidden md:block">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Kind</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Summary</TableHead>
              <TableHead className="text-right">Attempts</TableHead>
              <TableHead>Last error</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Started</TableHead>
              <TableHead>Finished</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.map((job) => (
              <TableRow key={job.id} className="align-top">
                <TableCell>
                  <JobKind kind={job.kind} />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <JobStateLabel state={job.state} />
                </TableCell>
                <TableCell className="wrap-anywhere">{job.summary ?? '—'}</TableCell>
                <TableCell className="text-right tabular-nums">{job.attempts}</TableCell>
                <TableCell>
                  <JobError error={job.last_error} />
                </TableCell>
                <TableCell>
                  <RelativeTime iso={job.created_at} />
                </TableCell>
                <TableCell>
                  <RelativeTime iso={job.started_at} />
                </TableCell>
                <TableCell>
                  <RelativeTime iso={job.finished_at} />
                </TableCell>
                <TableCell className="text-right">
                  <JobActions job={job} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  )
}
