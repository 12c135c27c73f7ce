import {
  // #region capability: items
  Briefcase,
  // #endregion capability: items
  History,
  // #region capability: background_jobs
  ListChecks,
  // #endregion capability: background_jobs
  type LucideIcon,
  Settings,
  Users,
} from 'lucide-react'
import type { SignedInPath } from '@/lib/page-paths'

/** A page the home page leads to, with what one finds there. */
export type NextStep = {
  to: SignedInPath
  title: string
  description: string
  icon: LucideIcon
}

const EVERYONE: NextStep[] = [
  // #region capability: items
  {
    to: '/items',
    title: 'Items',
    description: 'Add, edit and find your items.',
    icon: Briefcase,
  },
  // #endregion capability: items
  {
    to: '/settings',
    title: 'Settings',
    description: 'Your name and email address, how you sign in, your sessions and the theme.',
    icon: Settings,
  },
]

const SUPERUSERS: NextStep[] = [
  {
    to: '/admin',
    title: 'Users',
    description: 'Add accounts, make someone a superuser, or deactivate and delete accounts.',
    icon: Users,
  },
  {
    to: '/audit-log',
    title: 'Audit log',
    description: 'Who signed in and what changed, when and from where.',
    icon: History,
  },
  // #region capability: background_jobs
  {
    to: '/jobs',
    title: 'Jobs',
    description: 'The emails and housekeeping waiting, running or failed.',
    icon: ListChecks,
  },
  // #endregion capability: background_jobs
]

/** Where the home page sends a signed-in user next: their own pages, and a superuser's. */
export function nextStepsFor(user: { is_superuser: boolean }): NextStep[] {
  return [...EVERYONE, ...(user.is_superuser ? SUPERUSERS : [])]
}
