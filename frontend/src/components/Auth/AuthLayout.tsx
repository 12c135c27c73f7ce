import type { ReactNode } from 'react'
import { Card } from '@/components/ui/card'
import { env } from '@/lib/env'

export function AuthLayout({
  title,
  description,
  children,
  footer,
}: {
  title: string
  description?: string
  children: ReactNode
  footer?: ReactNode
}) {
  // Top-aligned, not centred: a centred card grows both ways when an error shows up,
  // moving the fields someone is typing in.
  return (
    <main className="flex min-h-screen justify-center bg-muted/40 px-4 pt-12 pb-4 sm:pt-[12vh]">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-xl font-bold tracking-tight text-primary">
          {env.projectName}
        </p>
        <Card>
          <h1 className="text-xl font-semibold">{title}</h1>
          {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
          <div className="mt-6">{children}</div>
        </Card>
        {footer ? <div className="mt-4 text-center text-sm">{footer}</div> : null}
      </div>
    </main>
  )
}
