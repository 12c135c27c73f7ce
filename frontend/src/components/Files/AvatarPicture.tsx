import { type ReactNode, useState } from 'react'
import { avatarUrl } from '@/queries/files'

/** A stored profile picture; `fallback` instead when it fails to load. */
export function AvatarPicture({
  id,
  pixels,
  className,
  fallback,
}: {
  id: string
  pixels: 64 | 256
  className: string
  fallback: ReactNode
}) {
  const [failed, setFailed] = useState<string | null>(null)
  if (failed === id) return fallback
  return (
    <img className={className} src={avatarUrl(id, pixels)} alt="" onError={() => setFailed(id)} />
  )
}
