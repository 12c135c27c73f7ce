import { Label } from '@/components/ui/label'

export type OwnerScope = 'everyone' | 'mine'

type OwnerFilterProps = {
  value: OwnerScope
  onChange: (scope: OwnerScope) => void
}

/** The choice between every member's items and one's own. */
export function OwnerFilter({ value, onChange }: OwnerFilterProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Label htmlFor="items-owner">Show</Label>
      <select
        id="items-owner"
        value={value}
        onChange={(event) => onChange(event.target.value === 'mine' ? 'mine' : 'everyone')}
        className="h-10 rounded-md border border-input bg-background px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <option value="everyone">Everyone's items</option>
        <option value="mine">My items</option>
      </select>
    </div>
  )
}
