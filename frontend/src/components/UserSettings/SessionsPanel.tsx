import { Suspense } from 'react'
import { TableSkeleton } from '@/components/Common/TableSkeleton'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { SessionsList } from './SessionsList'

export function SessionsPanel() {
  return (
    <Card>
      <CardTitle>Active sessions</CardTitle>
      <CardDescription>
        Devices where you are logged in. Revoke any you don't recognise.
      </CardDescription>
      <div className="mt-6">
        <Suspense fallback={<TableSkeleton rows={2} label="Loading sessions" />}>
          <SessionsList />
        </Suspense>
      </div>
    </Card>
  )
}
