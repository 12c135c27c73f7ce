import { useState } from 'react'
import { cn } from '@/lib/utils'
import { avatarUrl } from '@/queries/files'

type AvatarUser = { avatar_id?: string | null; full_name?: string | null; email: string }

const SIZES = { sm: 'size-8 text-xs', lg: 'size-32 text-3xl' } as const

/** Initials for someone without a picture: "Ada Lovelace" → "AL", else the email's first letter. */
export function initials({ full_name, email }: AvatarUser): string {
  const words = (full_name ?? '').trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 0 ? [words[0], words.at(-1)].slice(0, words.length) : [email]
  return letters.map((word) => (word ?? '').charAt(0).toUpperCase()).join('')
}

/** A person's profile picture, or their initials when they have none (or it fails to load). */
export function UserAvatar({ user, size = 'sm' }: { user: AvatarUser; size?: keyof typeof SIZES }) {
  const [failed, setFailed] = useState<string | null>(null)
  const id = user.avatar_id
  const box = cn(
    'inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-muted font-medium text-muted-foreground',
    SIZES[size],
  )
  if (!id || failed === id) {
    return (
      <span className={box} aria-hidden>
        {initials(user)}
      </span>
    )
  }
  return (
    <img
      className={box}
      src={avatarUrl(id, size === 'lg' ? 256 : 64)}
      alt=""
      onError={() => setFailed(id)}
    />
  )
}
