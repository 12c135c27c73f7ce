import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router'
import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { JobPublic, JobState } from '@/client/types.gen'
import { JobsTable } from './JobsTable'
import { JOB_STATES } from './job-states'

function job(state: JobState, overrides: Partial<JobPublic> = {}): JobPublic {
  const started = state === 'queued' ? null : '2026-01-15T10:00:01Z'
  const finished = ['succeeded', 'failed', 'cancelled'].includes(state)
    ? '2026-01-15T10:00:02Z'
    : null
  return {
    id: `00000000-0000-4000-8000-${String(JOB_STATES.indexOf(state)).padStart(12, '0')}`,
    kind: 'send_email',
    state,
    summary: `to @${state}.example.com`,
    attempts: state === 'queued' ? 0 : 1,
    last_error: null,
    created_at: '2026-01-15T10:00:00Z',
    started_at: started,
    finished_at: finished,
    ...overrides,
  }
}

/** The table as the page shows it: inside a router (kinds are links) and a query client. */
async function renderTable(jobs: JobPublic[], filtered = false) {
  const router = createRouter({
    routeTree: createRootRoute({ component: () => <JobsTable jobs={jobs} filtered={filtered} /> }),
    history: createMemoryHistory({ initialEntries: ['/jobs'] }),
  })
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  return screen.findByRole('table')
}

const ACTIONS: Record<JobState, string[]> = {
  queued: ['Cancel'],
  running: [],
  retrying: ['Cancel'],
  succeeded: [],
  failed: ['Retry'],
  cancelled: ['Retry'],
}

describe('JobsTable', () => {
  it.each(JOB_STATES)('offers for a %s job only what the API allows', async (state) => {
    const table = await renderTable([job(state)])
    const row = within(table).getAllByRole('row')[1]
    if (!row) throw new Error('no row for the job')
    const buttons = within(row)
      .queryAllByRole('button')
      .map((button) => button.textContent)
    expect(buttons).toEqual(ACTIONS[state])
    const card = screen.getByRole('listitem', { name: /^send_email, / })
    expect(
      within(card)
        .queryAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(ACTIONS[state])
  })

  it('names each button after its job', async () => {
    await renderTable([job('failed')])
    expect(
      screen.getAllByRole('button', { name: 'Retry send_email to @failed.example.com' }),
    ).toHaveLength(2)
  })

  it('shows the state in words, its code in the tooltip', async () => {
    const table = await renderTable([job('retrying')])
    expect(within(table).getByTitle('retrying')).toHaveTextContent('Retrying')
  })

  it("shows an error's first line and keeps the whole of it", async () => {
    const error = 'SMTPServerDisconnected: Connection unexpectedly closed\nTraceback (most recent…)'
    const table = await renderTable([job('failed', { last_error: error })])
    const details = within(table).getByRole('group')
    expect(
      within(details).getByText('SMTPServerDisconnected: Connection unexpectedly closed'),
    ).toBeVisible()
    expect(details).toHaveTextContent('Traceback (most recent…)')
  })

  it('says when no job matches the filters', async () => {
    render(<JobsTable jobs={[]} filtered />)
    expect(screen.getByText('No jobs match these filters.')).toBeInTheDocument()
  })

  it('says when there is no job at all', async () => {
    render(<JobsTable jobs={[]} filtered={false} />)
    expect(screen.getByText(/^No jobs yet\./)).toBeInTheDocument()
  })
})
