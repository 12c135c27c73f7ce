type ValidationIssue = { msg?: unknown; loc?: unknown; type?: unknown; ctx?: unknown }

/** The longest address the backend's email validation accepts (RFC 5321). */
export const EMAIL_MAX_LENGTH = 254

/**
 * Turn whatever the API client threw into one sentence a person can act on.
 * The backend answers `{"detail": "..."}`, or FastAPI's list of issues for a 422.
 */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.') {
  if (error instanceof TypeError) {
    return 'Could not reach the server. Check your connection and try again.'
  }
  if (typeof error === 'object' && error !== null && 'detail' in error) {
    const { detail } = error
    const wait = retryAfter(error)
    if (typeof detail === 'string' && detail.length > 0 && wait !== null) {
      return `${detail.replace(/[;,.]?\s*try again later\.?$/i, '')}. Try again ${waitText(wait)}.`
    }
    if (typeof detail === 'string' && detail.length > 0) return detail
    if (Array.isArray(detail)) {
      const messages = detail.map(issueMessage).filter((m): m is string => m !== null)
      if (messages.length > 0) return messages.join(' ')
    }
  }
  if (error instanceof Error && error.message) return error.message
  return fallback
}

function issueMessage(issue: ValidationIssue): string | null {
  if (typeof issue.msg !== 'string') return null
  const field = Array.isArray(issue.loc) ? issue.loc.at(-1) : undefined
  const message = issueText(issue)
  return typeof field === 'string' && field !== 'body' ? `${humanise(field)}: ${message}` : message
}

/**
 * One validation issue of a 422, in words written for people: Pydantic's own
 * (`value is not a valid email address: The email address is too long (58
 * characters too many)`) is for developers. Limits are stated, as the form's
 * own checks state them.
 */
export function issueText(issue: ValidationIssue): string {
  const msg = typeof issue.msg === 'string' ? issue.msg : ''
  const limit = (key: string) =>
    typeof issue.ctx === 'object' && issue.ctx !== null ? Reflect.get(issue.ctx, key) : undefined
  if (/not a valid email address/.test(msg)) {
    return /too long/.test(msg)
      ? `An email address can be at most ${EMAIL_MAX_LENGTH} characters`
      : 'Enter a valid email address'
  }
  switch (issue.type) {
    case 'missing':
      return 'Fill in this field'
    case 'string_too_long':
      return `Use at most ${limit('max_length')} characters`
    case 'string_too_short':
      return limit('min_length') === 1
        ? 'Fill in this field'
        : `Use at least ${limit('min_length')} characters`
  }
  return msg.replace(/^Value error, /, '') || 'Check this value'
}

function humanise(field: string): string {
  const words = field.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The generated client throws the body of an error answer and drops its
 * headers; this keeps the one a person needs from them: how many seconds to
 * wait before trying again (a 429's or 503's `Retry-After`, seconds or a date).
 */
export function withRetryAfter(error: unknown, response: Response | undefined): unknown {
  const header = response?.headers.get('Retry-After')
  if (!header || typeof error !== 'object' || error === null) return error
  const seconds = /^\d+$/.test(header)
    ? Number(header)
    : Math.ceil((Date.parse(header) - Date.now()) / 1000)
  return Number.isFinite(seconds) ? { ...error, retry_after: Math.max(1, seconds) } : error
}

/** Seconds to wait before trying again, when the API said so. */
export function retryAfter(error: unknown): number | null {
  const value =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'retry_after') : null
  return typeof value === 'number' ? value : null
}

const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

function waitText(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`
  const at = clockFormat.format(new Date(Date.now() + seconds * 1000))
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}, at ${at}`
  return `at ${at}`
}
