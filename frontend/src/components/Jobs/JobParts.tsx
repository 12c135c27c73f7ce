import { Link } from '@tanstack/react-router'
import type { JobPublic, JobState } from '@/client/types.gen'
import { cn } from '@/lib/utils'
import { stateText } from './job-text'

/** The state in words, with its icon and colour; the API's code is in the tooltip. */
export function JobStateLabel({ state }: { state: JobState }) {
  const { label, icon: Icon, tone } = stateText(state)
  return (
    <span className={cn('inline-flex items-center gap-1.5 font-medium', tone)} title={state}>
      <Icon className="size-4 shrink-0" aria-hidden />
      {label}
    </span>
  )
}

/**
 * The kind as the code names it (kinds are open-ended, so they have no labels),
 * linking to the list narrowed to that kind.
 */
export function JobKind({ kind }: { kind: string }) {
  return (
    <Link
      to="/jobs"
      search={(previous) => ({ ...previous, kind, page: undefined })}
      title={`Only ${kind} jobs`}
      className="rounded-sm font-mono text-xs wrap-anywhere underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      {kind}
    </Link>
  )
}

/** The last error's first line; the whole text (a traceback, say) opens below it. */
export function JobError({ error }: { error: JobPublic['last_error'] }) {
  if (!error) return <span className="text-muted-foreground">—</span>
  const firstLine = error.split('\n', 1)[0] ?? error
  return (
    <details className="group max-w-52">
      <summary className="cursor-pointer truncate rounded-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
        {firstLine}
      </summary>
      <pre className="mt-1 max-h-60 overflow-auto rounded-md bg-muted p-2 text-xs whitespace-pre-wrap wrap-anywhere">
        {error}
      </pre>
    </details>
  )
}
