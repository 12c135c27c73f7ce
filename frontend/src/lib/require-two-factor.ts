import type { QueryClient } from '@tanstack/react-query'
import { redirect } from '@tanstack/react-router'
import { signInOptionsQuery } from '@/queries/sign-in-options'
import { twoFactorStatusQuery } from '@/queries/two-factor'

/**
 * With TWO_FACTOR_REQUIRED_FOR_SUPERUSERS on, the API refuses a superuser's
 * superuser routes until two-factor authentication is on: send them to turn it on.
 */
export async function requireTwoFactorSetup(
  queryClient: QueryClient,
  user: { is_superuser: boolean },
  pathname: string,
): Promise<void> {
  if (pathname === '/settings') return
  await sendSuperuserToTwoFactorSetup(queryClient, user)
}

/**
 * The same for the loaders of superuser pages, which run beside the layout's
 * check: without it they would ask for what the API is about to refuse.
 */
export async function sendSuperuserToTwoFactorSetup(
  queryClient: QueryClient,
  user: { is_superuser: boolean },
): Promise<void> {
  if (!user.is_superuser) return
  const options = await queryClient.ensureQueryData(signInOptionsQuery())
  if (!options.two_factor_required_for_superusers) return
  const status = await queryClient.ensureQueryData(twoFactorStatusQuery())
  if (!status.enabled) throw redirect({ to: '/settings', search: { tab: 'security' } })
}
