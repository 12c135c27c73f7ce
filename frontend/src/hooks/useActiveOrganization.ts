import { useSuspenseQuery } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import type { OrganizationPublic } from '@/client/types.gen'
import {
  pickActiveOrganization,
  storedOrganizationId,
  subscribeActiveOrganization,
} from '@/lib/active-organization'
import { myOrganizationsQuery } from '@/queries/organizations'

/** The organization the dashboard shows; every user has at least their personal one. */
export function useActiveOrganization(): OrganizationPublic {
  const { data } = useSuspenseQuery(myOrganizationsQuery())
  const storedId = useSyncExternalStore(
    subscribeActiveOrganization,
    storedOrganizationId,
    () => null,
  )
  const active = pickActiveOrganization(data.data, storedId)
  if (!active) throw new Error('The signed-in user belongs to no organization')
  return active
}
