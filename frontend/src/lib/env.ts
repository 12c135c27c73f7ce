// The one place that reads build-time configuration; everything else imports `env`.
function readApiUrl(raw: string | undefined): string {
  const value = raw?.trim() || 'http://localhost:8000'
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    throw new Error(`VITE_API_URL must be an absolute URL, got "${value}"`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`VITE_API_URL must use http or https, got "${value}"`)
  }
  return parsed.origin
}

function readProjectName(raw: string | undefined): string {
  const value = raw?.trim()
  if (!value) throw new Error('PROJECT_NAME must be set (the repository’s .env sets it)')
  return value
}

export const env = {
  apiUrl: readApiUrl(import.meta.env.VITE_API_URL),
  /** The product's name, the backend's PROJECT_NAME: header, tab and login card. */
  projectName: readProjectName(import.meta.env.PROJECT_NAME),
} as const
