import type { JobState } from '@/client/types.gen'

// Only the list of states lives here, apart from their labels, icons and actions:
// the page's search validation reads it, and that code runs in the entry bundle
// every page (the login page too) pays for.

// Keyed by the schema's enumeration: a state the API adds makes this object
// incomplete, and the type check fails until the page knows the new state.
const STATES = {
  queued: true,
  running: true,
  retrying: true,
  succeeded: true,
  failed: true,
  cancelled: true,
} as const satisfies Record<JobState, true>

/** Every state, in the order a job goes through them. */
export const JOB_STATES = Object.keys(STATES) as JobState[]
