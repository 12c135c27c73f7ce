import { Link } from '@tanstack/react-router'
import { JobKind } from './JobParts'

/** Says which kind the list is narrowed to (picked from a job's kind) and undoes it. */
export function JobKindFilter({ kind }: { kind: string }) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span>
        Only <JobKind kind={kind} /> jobs.
      </span>
      <Link
        to="/jobs"
        search={(previous) => ({ ...previous, kind: undefined, page: undefined })}
        className="text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        Show every kind
      </Link>
    </p>
  )
}
