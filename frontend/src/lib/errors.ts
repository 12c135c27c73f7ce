type ValidationIssue = { msg?: unknown; loc?: unknown }

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
  const message = issue.msg.replace(/^Value error, /, '')
  return typeof field === 'string' && field !== 'body' ? `${humanise(field)}: ${message}` : message
}

function humanise(field: string): string {
  const words = field.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
