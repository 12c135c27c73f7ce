import type { QueryClient } from '@tanstack/react-query'
import { redirect } from '@tanstack/react-router'
// #region capability: two_factor
import { sendSuperuserToTwoFactorSetup } from '@/lib/require-two-factor'
// #endregion capability: two_factor
import { currentUserQuery } from '@/queries/users'

/** For the loaders of superuser-only pages: anyone else goes to the dashboard. */
export async function requireSuperuser(queryClient: QueryClient): Promise<void> {
  const me = await queryClient.ensureQueryData(currentUserQuery())
  if (!me.is_superuser) throw redirect({ to: '/' })
  // #region capability: two_factor
  await sendSuperuserToTwoFactorSetup(queryClient, me)
  // #endregion capability: two_factor
}
