import { useQuery } from '@tanstack/react-query'
import { Database } from 'lucide-react'
import { buttonVariants } from '@/components/ui/button'
import { env } from '@/lib/env'
import { adminPanelQuery } from '@/queries/admin-panel'

/** A plain link to the database admin panel, shown only while the server serves it:
 * the browser goes to the API's address, which hands the dashboard's session over. */
export function AdminPanelLink() {
  const panel = useQuery(adminPanelQuery()).data
  if (!panel?.enabled || !panel.path) return null
  return (
    <a href={`${env.apiUrl}${panel.path}`} className={buttonVariants({ variant: 'outline' })}>
      <Database className="size-4" aria-hidden />
      Database admin panel
    </a>
  )
}
