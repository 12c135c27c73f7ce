import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router'
import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ItemPublic } from '@/client/types.gen'
import { ItemsTable } from './ItemsTable'

function item(title: string, ownerEmail: string | null): ItemPublic {
  return {
    id: `00000000-0000-4000-8000-${String(title.length).padStart(12, '0')}`,
    organization_id: '00000000-0000-4000-8000-000000000099',
    owner_id: ownerEmail ? '00000000-0000-4000-8000-000000000001' : null,
    owner_email: ownerEmail,
    title,
    description: null,
    created_at: '2026-01-15T10:00:00Z',
  }
}

/** The table as the Items page shows it, with the owner column. */
async function renderTable(items: ItemPublic[]) {
  const router = createRouter({
    routeTree: createRootRoute({
      component: () => (
        <ItemsTable items={items} rights={() => ({ edit: false, delete: false })} showOwner />
      ),
    }),
    history: createMemoryHistory({ initialEntries: ['/items'] }),
  })
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  return screen.findByRole('table')
}

describe('ItemsTable', () => {
  it('names each creator, and an item whose creator left as from a deleted account', async () => {
    const table = await renderTable([item('Kept', 'ana@example.com'), item('Orphan', null)])
    const [, kept, orphan] = within(table).getAllByRole('row')
    if (!kept || !orphan) throw new Error('a row is missing')
    expect(within(kept).getAllByText('ana@example.com').length).toBeGreaterThan(0)
    expect(within(orphan).getAllByText('Deleted account').length).toBeGreaterThan(0)
  })
})
