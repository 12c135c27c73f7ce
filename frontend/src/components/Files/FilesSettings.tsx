import { useQuery } from '@tanstack/react-query'
import { storageUsageQuery } from '@/queries/files'
import { AvatarSettings } from './AvatarSettings'
import { StorageUsage } from './StorageUsage'

/** The profile tab's file settings; nothing when the server has files switched off. */
export function FilesSettings() {
  const { data: usage } = useQuery(storageUsageQuery())
  if (!usage) return null
  return (
    <>
      <AvatarSettings />
      <StorageUsage usage={usage} />
    </>
  )
}
