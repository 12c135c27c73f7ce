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
  { to: '/organization', label: 'Organization', icon: Building2 },
  { to: '/settings', label: 'User settings', icon: Settings },
]

const SUPERUSERS: NavItem[] = [
  { to: '/admin', label: 'Admin', icon: Users },
  { to: '/audit-log', label: 'Audit log', icon: History },
  { to: '/jobs', label: 'Jobs', icon: ListChecks },
]

export function navItemsFor(user: { is_superuser: boolean }): NavItem[] {
  return user.is_superuser ? [...EVERYONE, ...SUPERUSERS] : EVERYONE
}
