import { useSuspenseQuery } from '@tanstack/react-query'
import { ChevronsUpDown, Plus } from 'lucide-react'
import { Suspense, useState } from 'react'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { Skeleton } from '@/components/ui/skeleton'
import { useActiveOrganization } from '@/hooks/useActiveOrganization'
import { rememberOrganization } from '@/lib/active-organization'
import { myOrganizationsQuery } from '@/queries/organizations'
import { CreateOrganizationDialog } from './CreateOrganizationDialog'

/** Which organization the dashboard shows: one's organizations with one's role in each. */
export function OrganizationSwitcher() {
  return (
    <Suspense fallback={<Skeleton className="h-14 w-full" />}>
      <Switcher />
    </Suspense>
  )
}

function Switcher() {
  const { data } = useSuspenseQuery(myOrganizationsQuery())
  const active = useActiveOrganization()
  const [creating, setCreating] = useState(false)
  // With organizations off each user has only their personal one: nothing to switch.
  if (!data.manageable) return null
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            className="h-auto w-full justify-between gap-2 px-3 py-2 text-left"
            aria-label={`Organization: ${active.name}`}
          >
            <span className="grid min-w-0 flex-1">
              <span className="truncate font-medium">{active.name}</span>
              <span className="truncate text-xs font-normal text-muted-foreground">
                {active.role_name ?? 'Superuser'}
              </span>
            </span>
            <ChevronsUpDown className="size-4 shrink-0 opacity-70" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Organizations</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={active.id} onValueChange={rememberOrganization}>
            {data.data.map((organization) => (
              <DropdownMenuRadioItem key={organization.id} value={organization.id}>
                <span className="grid min-w-0">
                  <span className="truncate">{organization.name}</span>
                  <span className="truncate text-xs text-muted-foreground">
                    {organization.personal ? 'Personal · ' : ''}
                    {organization.role_name ?? 'Superuser'}
                  </span>
                </span>
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden />
            Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  )
}
