import { History, Home, type LucideIcon, Settings, Users } from 'lucide-react'
// #region capability: items
import { ITEMS_NAV_ITEM } from '@/components/Items/nav-item'
// #endregion capability: items
// #region capability: background_jobs
import { JOBS_NAV_ITEM } from '@/components/Jobs/nav-item'
// #endregion capability: background_jobs
// #region capability: organizations
import { ORGANIZATION_NAV_ITEM } from '@/components/Organizations/nav-item'
// #endregion capability: organizations
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
  // #region capability: organizations
  // Whether organizations can be managed (ORGANIZATIONS_ENABLED): on by default.
  { organizations }: { organizations: boolean } = { organizations: true },
  // #endregion capability: organizations
): NavItem[] {
  return [
    ...EVERYONE,
    // #region capability: organizations
    ...(organizations ? [ORGANIZATION_NAV_ITEM] : []),
    // #endregion capability: organizations
    ...ACCOUNT,
    ...(user.is_superuser ? SUPERUSERS : []),
  ]
}
