/**
 * Only same-app paths are accepted as a post-login destination, so a crafted
 * `?redirect=https://evil.example` link can't bounce a user off-site.
 * (`//host` and `/\host` are protocol-relative URLs to browsers.)
 */
export function safeRedirect(target: string | undefined): string {
  if (!target?.startsWith('/')) return '/'
  if (target.startsWith('//') || target.startsWith('/\\')) return '/'
  if (target.startsWith('/login')) return '/'
  return target
}
