import { toast } from 'sonner'
import type { JobPublic, JobState } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'
import { useCancelJob, useRetryJob } from '@/queries/jobs'

/** What a superuser can do with a job in each state; the API refuses the rest (409). */
const ACTIONS = {
  queued: 'cancel',
  running: null,
  retrying: 'cancel',
  succeeded: null,
  failed: 'retry',
  cancelled: 'retry',
} as const satisfies Record<JobState, 'retry' | 'cancel' | null>

/** Words that tell one job's buttons from another's for a screen reader. */
function jobName(job: JobPublic): string {
  return job.summary ? `${job.kind} ${job.summary}` : job.kind
}

/**
 * Retry for a failed or cancelled job, Cancel for one still waiting; nothing
 * otherwise. The state may have moved on since the list was read (a worker
 * took the job): the API then refuses with a reason, shown as the outcome.
 */
export function JobActions({ job }: { job: JobPublic }) {
  const action = ACTIONS[job.state]
  if (action === 'retry') return <RetryButton job={job} />
  if (action === 'cancel') return <CancelButton job={job} />
  return null
}

function RetryButton({ job }: { job: JobPublic }) {
  const retry = useRetryJob()
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={`Retry ${jobName(job)}`}
      disabled={retry.isPending}
      onClick={() =>
        retry.mutate(job.id, {
          onSuccess: () => toast.success(`${job.kind} queued again`),
          onError: (error) => toast.error(errorMessage(error)),
        })
      }
    >
      Retry
    </Button>
  )
}

function CancelButton({ job }: { job: JobPublic }) {
  const cancel = useCancelJob()
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={`Cancel ${jobName(job)}`}
      disabled={cancel.isPending}
      onClick={() =>
        cancel.mutate(job.id, {
          onSuccess: () => toast.success(`${job.kind} cancelled`),
          onError: (error) => toast.error(errorMessage(error)),
        })
      }
    >
      Cancel
    </Button>
  )
}
