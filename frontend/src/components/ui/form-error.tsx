import type { ReactNode } from 'react'

/** A form-level error (the server's answer), announced when it appears; `children`
 * add what a person can do about it. */
export function FormError({
  message,
  children,
}: {
  message: string | null | undefined
  children?: ReactNode
}) {
  if (!message) return null
  return (
    <p
      role="alert"
      className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive"
    >
      {message}
      {children}
    </p>
  )
}
