// #region capability: file_storage
import { AvatarPicture } from '@/components/Files/AvatarPicture'
// #endregion capability: file_storage
import { cn } from '@/lib/utils'

type AvatarUser = {
  full_name?: string | null
  email: string
  // #region capability: file_storage
  avatar_id?: string | null
  // #endregion capability: file_storage
}

const SIZES = { sm: 'size-8 text-xs', lg: 'size-32 text-3xl' } as const

/** Initials for someone without a picture: "Ada Lovelace" → "AL", else the email's first letter. */
export function initials({ full_name, email }: AvatarUser): string {
  const words = (full_name ?? '').trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 0 ? [words[0], words.at(-1)].slice(0, words.length) : [email]
  return letters.map((word) => (word ?? '').charAt(0).toUpperCase()).join('')
}

/** A person's profile picture, or their initials when they have none (or it fails to load). */
export function UserAvatar({ user, size = 'sm' }: { user: AvatarUser; size?: keyof typeof SIZES }) {
  const box = cn(
    'inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-muted font-medium text-muted-foreground',
    SIZES[size],
  )
  const letters = (
    <span className={box} aria-hidden>
      {initials(user)}
    </span>
  )
  // #region capability: file_storage
  if (user.avatar_id) {
    return (
      <AvatarPicture
        id={user.avatar_id}
        pixels={size === 'lg' ? 256 : 64}
        className={box}
        fallback={letters}
      />
    )
  }
  // #endregion capability: file_storage
  return letters
}
