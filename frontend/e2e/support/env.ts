function required(name: string, fallback: string): string {
  return process.env[name] ?? fallback
}

export const apiUrl = required('E2E_API_URL', 'http://localhost:8000')
export const projectName = required('E2E_PROJECT_NAME', 'Full Stack Template')
export const mailUrl = required('E2E_MAIL_URL', 'http://127.0.0.1:1080')
// #region capability: oauth
/** The tests' OpenID Connect provider (backend/tests/signin/oidc_provider.py). */
export const oidcUrl = required('E2E_OIDC_URL', 'http://127.0.0.1:1090')
// #endregion capability: oauth
/** The dashboard and API of the server with every sign-in option off, when started. */
export const passwordOnly = {
  baseUrl: process.env.E2E_PASSWORD_ONLY_URL,
  apiUrl: process.env.E2E_PASSWORD_ONLY_API_URL,
}
// #region capability: two_factor
/** The dashboard and API of the server that requires two-factor authentication of superusers. */
export const superuserTwoFactor = {
  baseUrl: process.env.E2E_SUPERUSER_TWO_FACTOR_URL,
  apiUrl: process.env.E2E_SUPERUSER_TWO_FACTOR_API_URL,
}
// #endregion capability: two_factor
export const admin = {
  email: required('E2E_ADMIN_EMAIL', 'admin@example.com'),
  password: required('E2E_ADMIN_PASSWORD', 'changethis'),
}
