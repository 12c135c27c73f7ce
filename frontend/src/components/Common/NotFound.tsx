import { Link } from '@tanstack/react-router'
import { buttonVariants } from '@/components/ui/button'

/** The 404 message, for a page that already has its `<main>` (the signed-in layout). */
export function NotFoundMessage() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-5xl font-bold text-primary">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">The page you are looking for does not exist.</p>
      <Link to="/" className={buttonVariants()}>
        Back to the dashboard
      </Link>
    </div>
  )
}

/** The 404 page on its own, for a visitor who is not signed in. */
export function NotFound() {
  return (
    <main>
      <NotFoundMessage />
    </main>
  )
}
