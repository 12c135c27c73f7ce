import { Building2, History, Home, type LucideIcon, Settings, Users } from 'lucide-react'
// #region capability: items
import { ITEMS_NAV_ITEM } from '@/components/Items/nav-item'
// #endregion capability: items
// #region capability: background_jobs
import { JOBS_NAV_ITEM } from '@/components/Jobs/nav-item'
// #endregion capability: background_jobs
import type { SignedInPath } from '@/lib/page-paths'

export type NavItem = {
  to: SignedInPath
  label: string
  icon: LucideIcon
}

const EVERYONE: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: Home },
  // #region capability: items
  ITEMS_NAV_ITEM,
  // #endregion capability: items
]

// Offered while organizations can be managed (ORGANIZATIONS_ENABLED).
const ORGANIZATIONS: NavItem[] = [{ to: '/organization', label: 'Organization', icon: Building2 }]

const ACCOUNT: NavItem[] = [{ to: '/settings', label: 'User settings', icon: Settings }]

const SUPERUSERS: NavItem[] = [
  { to: '/admin', label: 'Admin', icon: Users },
  { to: '/audit-log', label: 'Audit log', icon: History },
  // #region capability: background_jobs
  JOBS_NAV_ITEM,
  // #endregion capability: background_jobs
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
