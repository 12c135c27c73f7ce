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
 *
 * Both mutations live here, not in the buttons: a retry or cancel changes the
 * job's state, which swaps one button for the other once the list is read
 * again, and a mutation whose component is gone reports nothing.
 */
export function JobActions({ job }: { job: JobPublic }) {
  const retry = useRetryJob()
  const cancel = useCancelJob()
  const action = ACTIONS[job.state]
  if (action === null) return null
  const [mutation, label, done] =
    action === 'retry'
      ? [retry, 'Retry', `${job.kind} queued again`]
      : [cancel, 'Cancel', `${job.kind} cancelled`]
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={`${label} ${jobName(job)}`}
      disabled={retry.isPending || cancel.isPending}
      onClick={() =>
        mutation.mutate(job.id, {
          onSuccess: () => toast.success(done),
          onError: (error) => toast.error(errorMessage(error)),
        })
      }
    >
      {label}
    </Button>
  )
}
