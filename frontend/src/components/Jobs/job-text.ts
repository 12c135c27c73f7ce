import {
  Ban,
  CircleCheck,
  CircleX,
  Clock,
  LoaderCircle,
  type LucideIcon,
  RotateCw,
} from 'lucide-react'
import type { JobState } from '@/client/types.gen'

type StateText = {
  label: string
  icon: LucideIcon
  /** Text and icon colour, readable on the page's background in both themes. */
  tone: string
}

const STATES = {
  queued: { label: 'Queued', icon: Clock, tone: 'text-sky-700 dark:text-sky-300' },
  running: { label: 'Running', icon: LoaderCircle, tone: 'text-violet-700 dark:text-violet-300' },
  retrying: { label: 'Retrying', icon: RotateCw, tone: 'text-amber-700 dark:text-amber-300' },
  succeeded: {
    label: 'Succeeded',
    icon: CircleCheck,
    tone: 'text-emerald-700 dark:text-emerald-300',
  },
  failed: { label: 'Failed', icon: CircleX, tone: 'text-red-700 dark:text-red-300' },
  cancelled: { label: 'Cancelled', icon: Ban, tone: 'text-muted-foreground' },
} as const satisfies Record<JobState, StateText>

export function stateText(state: JobState): StateText {
  return STATES[state]
}
