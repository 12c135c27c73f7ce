import type { ReactNode } from 'react'

/** What a list says when it has nothing to show. */
export function EmptyList({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-md border border-dashed p-10 text-center text-muted-foreground">
      {children}
    </p>
  )
}
