import type { QueryClient } from '@tanstack/react-query'
import { redirect } from '@tanstack/react-router'
import { currentUserQuery } from '@/queries/users'

/** For the loaders of superuser-only pages: anyone else goes to the dashboard. */
export async function requireSuperuser(queryClient: QueryClient): Promise<void> {
  const me = await queryClient.ensureQueryData(currentUserQuery())
  if (!me.is_superuser) throw redirect({ to: '/' })
}
