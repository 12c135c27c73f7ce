import {
  loginLoginAccessToken,
  loginLogout,
  loginRecoverPassword,
  loginResetPassword,
  // #region capability: magic_links
  magicLinkSendMagicLink,
  magicLinkSignInWithMagicLink,
  // #endregion capability: magic_links
  // #region capability: two_factor
  // #region capability: passkeys
  passkeysSecondFactor,
  passkeysSecondFactorOptions,
  // #endregion capability: passkeys
  // #endregion capability: two_factor
  // #region capability: passkeys
  passkeysSignIn,
  passkeysSignInOptions,
  // #endregion capability: passkeys
  // #region capability: two_factor
  twoFactorLogInWithCode,
  // #endregion capability: two_factor
  usersRegisterUser,
  usersResendVerificationEmail,
  usersVerifyEmail,
} from '@/client/sdk.gen'
import type {
  // #region capability: two_factor
  TwoFactorLogin,
  // #endregion capability: two_factor
  UserRegister,
} from '@/client/types.gen'
import { useAction } from '@/hooks/useAction'
import { setAccessToken } from '@/lib/access-token'
import { emitSessionEvent } from '@/lib/session-events'
// #region capability: passkeys
import { signWithPasskey } from '@/lib/webauthn'

// #endregion capability: passkeys

// Calls that work without a session. They cache nothing, so they use plain
// actions instead of the query cache (which public pages don't load).

/** The password step: tokens, or a challenge when the account has a second step. */
async function logIn(credentials: { email: string; password: string }) {
  const { data } = await loginLoginAccessToken({
    body: { username: credentials.email, password: credentials.password },
    throwOnError: true,
  })
  // #region capability: two_factor
  if ('challenge' in data) return data
  // #endregion capability: two_factor
  emitSessionEvent('changed')
  setAccessToken(data.access_token)
  return data
}

// #region capability: two_factor
/** The second step of a login with two-factor authentication on. */
async function logInWithCode(body: TwoFactorLogin) {
  const { data } = await twoFactorLogInWithCode({ body, throwOnError: true })
  emitSessionEvent('changed')
  setAccessToken(data.access_token)
  return data
}
// #endregion capability: two_factor

// #region capability: passkeys
/** "Sign in with a passkey": no email asked, the passkey names the account. */
async function signInWithPasskey(_: undefined) {
  const { data: started } = await passkeysSignInOptions({ throwOnError: true })
  const credential = await signWithPasskey(started.options)
  const { data } = await passkeysSignIn({ body: { credential }, throwOnError: true })
  emitSessionEvent('changed')
  setAccessToken(data.access_token)
  return data
}
// #endregion capability: passkeys

// #region capability: two_factor
// #region capability: passkeys
/** The second step of a login with a passkey instead of a code. */
async function logInWithPasskey(challenge: string) {
  const { data: started } = await passkeysSecondFactorOptions({
    body: { challenge },
    throwOnError: true,
  })
  const credential = await signWithPasskey(started.options)
  const { data } = await passkeysSecondFactor({
    body: { challenge, credential },
    throwOnError: true,
  })
  emitSessionEvent('changed')
  setAccessToken(data.access_token)
  return data
}
// #endregion capability: passkeys
// #endregion capability: two_factor

/** Callers clear cached data (`changed`) once they have left the signed-in pages. */
async function logOut(_: undefined) {
  try {
    await loginLogout({ throwOnError: true })
  } finally {
    // The local session ends even if the server can't be reached.
    setAccessToken(null)
  }
}

async function signUp(body: UserRegister) {
  const { data } = await usersRegisterUser({ body, throwOnError: true })
  return data
}

async function recoverPassword(email: string) {
  const { data } = await loginRecoverPassword({ body: { email }, throwOnError: true })
  return data
}

async function resetPassword(body: { token: string; new_password: string }) {
  const { data } = await loginResetPassword({ body, throwOnError: true })
  // A reset ends every session of the account, this browser's too if it had one:
  // forget it here, so that nothing tries to restore it (the refresh would be refused).
  setAccessToken(null)
  return data
}

async function verifyEmail(token: string) {
  const { data } = await usersVerifyEmail({ body: { token }, throwOnError: true })
  // The address (or its verified flag) changed: a cached profile is now wrong.
  emitSessionEvent('changed')
  return data
}

async function resendVerification(email: string) {
  const { data } = await usersResendVerificationEmail({ body: { email }, throwOnError: true })
  return data
}

// #region capability: magic_links
async function sendMagicLink(email: string) {
  const { data } = await magicLinkSendMagicLink({ body: { email }, throwOnError: true })
  return data
}

/** Like the password step: tokens, or a challenge when the account has a second step. */
async function signInWithMagicLink(token: string) {
  const { data } = await magicLinkSignInWithMagicLink({ body: { token }, throwOnError: true })
  // #region capability: two_factor
  if ('challenge' in data) return data
  // #endregion capability: two_factor
  emitSessionEvent('changed')
  setAccessToken(data.access_token)
  return data
}
// #endregion capability: magic_links

export const useLogin = () => useAction(logIn)
// #region capability: magic_links
export const useSendMagicLink = () => useAction(sendMagicLink)
export const useSignInWithMagicLink = () => useAction(signInWithMagicLink)
// #endregion capability: magic_links
// #region capability: two_factor
export const useLogInWithCode = () => useAction(logInWithCode)
// #endregion capability: two_factor
// #region capability: passkeys
export const useSignInWithPasskey = () => useAction(signInWithPasskey)
// #endregion capability: passkeys
// #region capability: two_factor
// #region capability: passkeys
export const useLogInWithPasskey = () => useAction(logInWithPasskey)
// #endregion capability: passkeys
// #endregion capability: two_factor
export const useLogout = () => useAction(logOut)
export const useSignup = () => useAction(signUp)
export const useRecoverPassword = () => useAction(recoverPassword)
export const useResetPassword = () => useAction(resetPassword)
export const useVerifyEmail = () => useAction(verifyEmail)
export const useResendVerification = () => useAction(resendVerification)
