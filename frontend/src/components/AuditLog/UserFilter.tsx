import { useSuspenseQuery } from '@tanstack/react-query'
import { Label } from '@/components/ui/label'
import { userOptionsQuery } from '@/queries/users'

type UserFilterProps = {
  value: string | undefined
  onChange: (userId: string | undefined) => void
}

export function UserFilter({ value, onChange }: UserFilterProps) {
  const { data } = useSuspenseQuery(userOptionsQuery())
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Label htmlFor="audit-user">Filter by user</Label>
      <select
        id="audit-user"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
        className="h-10 rounded-md border border-input bg-background px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <option value="">All users</option>
        {data.data.map((user) => (
          <option key={user.id} value={user.id}>
            {user.email}
          </option>
        ))}
      </select>
    </div>
  )
}
