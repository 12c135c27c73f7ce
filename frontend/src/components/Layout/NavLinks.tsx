// #region capability: organizations
import { useQuery } from '@tanstack/react-query'
// #endregion capability: organizations
import { Link } from '@tanstack/react-router'
import { useCurrentUser } from '@/hooks/useCurrentUser'
// #region capability: organizations
import { myOrganizationsQuery } from '@/queries/organizations'
// #endregion capability: organizations
import { navItemsFor } from './nav-items'

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const user = useCurrentUser()
  // #region capability: organizations
  // Most pages load this list before they show; until then the link is assumed, as
  // organizations are on by default.
  const organizations = useQuery(myOrganizationsQuery()).data?.manageable ?? true
  // #endregion capability: organizations
  const items = navItemsFor(
    user,
    // #region capability: organizations
    { organizations },
    // #endregion capability: organizations
  )
  return (
    <ul className="grid gap-1">
      {items.map(({ to, label, icon: Icon }) => (
        <li key={to}>
          <Link
            to={to}
            onClick={onNavigate}
            activeOptions={{ exact: to === '/', includeSearch: false }}
            className="flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring data-[status=active]:bg-accent data-[status=active]:text-accent-foreground"
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        </li>
      ))}
    </ul>
  )
}
