import { Link } from '@tanstack/react-router'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { nextStepsFor } from './next-steps'

/** The pages a signed-in user can go on to, each with what they find there. */
export function NextSteps() {
  const user = useCurrentUser()
  return (
    <section aria-labelledby="next-steps" className="grid gap-3">
      <h2 id="next-steps" className="text-lg font-semibold">
        Where to go from here
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {nextStepsFor(user).map(({ to, title, description, icon: Icon }) => (
          <li key={to} className="grid">
            <Link
              to={to}
              className="grid content-start gap-1 rounded-lg border bg-card p-6 shadow-sm hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              <span className="flex items-center gap-2 font-medium">
                <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                {title}
              </span>
              <span className="text-sm text-muted-foreground">{description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
