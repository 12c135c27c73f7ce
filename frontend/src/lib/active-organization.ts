import type { OrganizationPublic } from '@/client/types.gen'

// Which organization the dashboard shows, remembered per browser. Only an id
// is stored: the list of one's organizations decides whether it still holds.
const STORAGE_KEY = 'active-organization'
const listeners = new Set<() => void>()

export function storedOrganizationId(): string | null {
  return window.localStorage.getItem(STORAGE_KEY)
}

export function rememberOrganization(id: string): void {
  window.localStorage.setItem(STORAGE_KEY, id)
  for (const listener of listeners) listener()
}

export function subscribeActiveOrganization(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * The remembered organization while one still belongs to it, else the
 * personal one (listed first by the API).
 */
export function pickActiveOrganization(
  organizations: OrganizationPublic[],
  storedId: string | null = storedOrganizationId(),
): OrganizationPublic | undefined {
  return (
    organizations.find((organization) => organization.id === storedId) ??
    organizations.find((organization) => organization.personal) ??
    organizations[0]
  )
}
