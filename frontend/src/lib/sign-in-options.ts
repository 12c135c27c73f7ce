import { loginReadSignInOptions } from '@/client/sdk.gen'
import type { SignInOptions } from '@/client/types.gen'

/** What the server offers; without an answer, the password alone. */
export async function readSignInOptions(): Promise<SignInOptions> {
  const { data } = await loginReadSignInOptions({ throwOnError: true })
  return data
}

export const PASSWORD_ONLY: SignInOptions = {
  // #region capability: two_factor
  two_factor: false,
  two_factor_required_for_superusers: false,
  // #endregion capability: two_factor
  // #region capability: magic_links
  magic_link: false,
  // #endregion capability: magic_links
  // #region capability: passkeys
  passkeys: false,
  // #endregion capability: passkeys
  // #region capability: oauth
  providers: [],
  // #endregion capability: oauth
}
