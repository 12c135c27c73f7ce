import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { jobsCancelJob, jobsReadJobCounts, jobsReadJobs, jobsRetryJob } from '@/client/sdk.gen'
import type { JobState } from '@/client/types.gen'
import { pageToQuery } from '@/lib/pagination'

export type JobFilters = { state?: JobState; kind?: string }

/** Jobs change on their own, as workers run them: the page shows them as they move. */
const REFRESH_MS = 5_000

export const jobKeys = {
  all: ['jobs'] as const,
  list: (page: number, filters: JobFilters) => [...jobKeys.all, 'list', page, filters] as const,
  counts: () => [...jobKeys.all, 'counts'] as const,
}

export function jobsQuery(page: number, filters: JobFilters) {
  return queryOptions({
    queryKey: jobKeys.list(page, filters),
    queryFn: async () => {
      const { data } = await jobsReadJobs({
        query: { ...pageToQuery(page), ...filters },
        throwOnError: true,
      })
      return data
    },
    // Polling pauses while the tab is hidden (refetchIntervalInBackground is off).
    refetchInterval: REFRESH_MS,
  })
}

export function jobCountsQuery() {
  return queryOptions({
    queryKey: jobKeys.counts(),
    queryFn: async () => {
      const { data } = await jobsReadJobCounts({ throwOnError: true })
      return data
    },
    refetchInterval: REFRESH_MS,
  })
}

// Retrying or cancelling moves a job between states: the list and the counts both change.

export function useRetryJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (jobId: string) => {
      const { data } = await jobsRetryJob({ path: { job_id: jobId }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  })
}

export function useCancelJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (jobId: string) => {
      const { data } = await jobsCancelJob({ path: { job_id: jobId }, throwOnError: true })
      return data
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  })
}
