import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router'
import { Button, buttonVariants } from '@/components/ui/button'
import { errorMessage } from '@/lib/errors'

export function ErrorFallback({ error, reset }: ErrorComponentProps) {
  const router = useRouter()
  const retry = () => {
    reset()
    void router.invalidate()
  }
  return (
    <main
      role="alert"
      className="flex min-h-[60vh] flex-col items-center justify-center gap-4 p-6 text-center"
    >
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-md text-muted-foreground">{errorMessage(error)}</p>
      <div className="flex gap-2">
        <Button onClick={retry}>Try again</Button>
        <Link to="/" className={buttonVariants({ variant: 'outline' })}>
          Back to the dashboard
        </Link>
      </div>
    </main>
  )
}
