import {
  Briefcase,
  Building2,
  History,
  Home,
  ListChecks,
  type LucideIcon,
  Settings,
  Users,
} from 'lucide-react'
import type { SignedInPath } from '@/lib/page-paths'

export type NavItem = {
  to: SignedInPath
  label: string
  icon: LucideIcon
}

const EVERYONE: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: Home },
  { to: '/items', label: 'Items', icon: Briefcase },
]

// Offered while organizations can be managed (ORGANIZATIONS_ENABLED).
const ORGANIZATIONS: NavItem[] = [{ to: '/organization', label: 'Organization', icon: Building2 }]

const ACCOUNT: NavItem[] = [{ to: '/settings', label: 'User settings', icon: Settings }]

const SUPERUSERS: NavItem[] = [
  { to: '/admin', label: 'Admin', icon: Users },
  { to: '/audit-log', label: 'Audit log', icon: History },
  { to: '/jobs', label: 'Jobs', icon: ListChecks },
]

export function navItemsFor(
  user: { is_superuser: boolean },
  { organizations }: { organizations: boolean },
): NavItem[] {
  return [
    ...EVERYONE,
    ...(organizations ? ORGANIZATIONS : []),
    ...ACCOUNT,
    ...(user.is_superuser ? SUPERUSERS : []),
  ]
}
