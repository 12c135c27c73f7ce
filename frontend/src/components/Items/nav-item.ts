import { Briefcase } from 'lucide-react'
import type { NavItem } from '@/components/Layout/nav-items'

export const ITEMS_NAV_ITEM: NavItem = { to: '/items', label: 'Items', icon: Briefcase }
