import { useSuspenseQuery } from '@tanstack/react-query'
import { createFileRoute } from '@tanstack/react-router'
import { ListPage, ListPagePending } from '@/components/Common/ListPage'
import { JobCountCards } from '@/components/Jobs/JobCountCards'
import { JobKindFilter } from '@/components/Jobs/JobKindFilter'
import { JobsTable } from '@/components/Jobs/JobsTable'
import { JOB_STATES } from '@/components/Jobs/job-states'
import { jobsHeader as header } from '@/components/Jobs/jobs-header'
import { pageParam } from '@/lib/pagination'
import { requireSuperuser } from '@/lib/require-superuser'
import { readOneOf, readPage, readString } from '@/lib/search-params'
import { type JobFilters, jobCountsQuery, jobsQuery } from '@/queries/jobs'

/** The API's limit on a kind: a longer one in the URL could match nothing anyway. */
const KIND_MAX_LENGTH = 64

type JobsSearch = JobFilters & { page?: number }

export const Route = createFileRoute('/_layout/jobs')({
  validateSearch: (search): JobsSearch => ({
    page: readPage(search.page),
    state: readOneOf(JOB_STATES, search.state),
    kind: readString(search.kind)?.slice(0, KIND_MAX_LENGTH),
  }),
  loaderDeps: ({ search: { page = 1, ...filters } }) => ({ page, filters }),
  loader: async ({ context, deps: { page, filters } }) => {
    await requireSuperuser(context.queryClient)
    return Promise.all([
      context.queryClient.ensureQueryData(jobsQuery(page, filters)),
      context.queryClient.ensureQueryData(jobCountsQuery()),
    ])
  },
  staticData: { title: 'Jobs' },
  pendingComponent: () => <ListPagePending {...header} label="Loading jobs" />,
  component: JobsPage,
})

function JobsPage() {
  const { page = 1, ...filters } = Route.useSearch()
  const navigate = Route.useNavigate()
  const { data } = useSuspenseQuery(jobsQuery(page, filters))
  const { data: counts } = useSuspenseQuery(jobCountsQuery())
  return (
    <ListPage
      {...header}
      page={page}
      total={data.count}
      onPageChange={(next, options) =>
        navigate({
          search: (previous) => ({ ...previous, page: pageParam(next) }),
          replace: options?.replace,
        })
      }
    >
      <JobCountCards counts={counts} />
      {filters.kind ? <JobKindFilter kind={filters.kind} /> : null}
      <JobsTable jobs={data.data} filtered={Boolean(filters.state || filters.kind)} />
    </ListPage>
  )
}
