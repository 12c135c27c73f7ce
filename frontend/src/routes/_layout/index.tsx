import { createFileRoute, Link } from '@tanstack/react-router'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { useCurrentUser } from '@/hooks/useCurrentUser'

export const Route = createFileRoute('/_layout/')({
  staticData: { title: 'Dashboard' },
  component: Dashboard,
})

function Dashboard() {
  const user = useCurrentUser()
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          Hi, {user.full_name || user.email} 👋
        </h1>
        <p className="mt-1 text-muted-foreground">Welcome back, nice to see you again.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardTitle>Items</CardTitle>
          <CardDescription>Create, edit and organise your items.</CardDescription>
          <Link
            to="/items"
            className="mt-3 inline-block text-sm font-medium text-primary underline"
          >
            Go to items
          </Link>
        </Card>
        <Card>
          <CardTitle>Settings</CardTitle>
          <CardDescription>Profile, password, sessions and appearance.</CardDescription>
          <Link
            to="/settings"
            className="mt-3 inline-block text-sm font-medium text-primary underline"
          >
            Open settings
          </Link>
        </Card>
      </div>
    </div>
  )
}
