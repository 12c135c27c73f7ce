import { Building2 } from 'lucide-react'
import type { NavItem } from '@/components/Layout/nav-items'

/** Offered while organizations can be managed (ORGANIZATIONS_ENABLED). */
export const ORGANIZATION_NAV_ITEM: NavItem = {
  to: '/organization',
  label: 'Organization',
  icon: Building2,
}
