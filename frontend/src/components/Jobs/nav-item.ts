import { ListChecks } from 'lucide-react'
import type { NavItem } from '@/components/Layout/nav-items'

export const JOBS_NAV_ITEM: NavItem = { to: '/jobs', label: 'Jobs', icon: ListChecks }
