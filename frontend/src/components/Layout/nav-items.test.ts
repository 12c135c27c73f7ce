import { createRouter } from '@tanstack/react-router'
import { describe, expect, it } from 'vitest'
import type { SignedInPath } from '@/lib/page-paths'
import { routeTree } from '@/routeTree.gen'
import { navItemsFor } from './nav-items'

// Pages behind the login that the sidebar leaves out on purpose (a detail page
// opened from its list, say), each with the reason why.
const PAGES_OUTSIDE_THE_NAV: Partial<Record<SignedInPath, string>> = {
  '/$': 'the 404 for addresses that match no page',
}

const signedInPages = Object.values(createRouter({ routeTree }).routesById)
  .filter((route) => route.id.startsWith('/_layout/'))
  .map((route) => route.to)

const linked = new Set<string>(
  [false, true].flatMap((is_superuser) => navItemsFor({ is_superuser }).map((item) => item.to)),
)

describe('the sidebar', () => {
  it('finds the pages behind the login in the route tree', () => {
    expect(signedInPages).toContain('/settings')
  })

  it('links every page behind the login, unless told why not to', () => {
    const unaccounted = signedInPages.filter(
      (path) => !linked.has(path) && !(path in PAGES_OUTSIDE_THE_NAV),
    )
    expect(
      unaccounted,
      'add these pages to nav-items.ts, or to PAGES_OUTSIDE_THE_NAV with the reason',
    ).toEqual([])
  })

  // #region capability: organizations
  it('leaves the organization page out while organizations cannot be managed', () => {
    const paths = navItemsFor({ is_superuser: true }, { organizations: false }).map(
      (item) => item.to,
    )
    expect(paths).not.toContain('/organization')
    expect(paths).toContain('/settings')
  })
  // #endregion capability: organizations

  it('does not both link a page and leave it out', () => {
    const both = Object.keys(PAGES_OUTSIDE_THE_NAV).filter((path) => linked.has(path))
    expect(both).toEqual([])
  })
})
