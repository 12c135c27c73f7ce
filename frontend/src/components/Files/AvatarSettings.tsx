import { useEffect, useId, useRef, useState } from 'react'
import { toast } from 'sonner'
import { UserAvatar } from '@/components/Common/UserAvatar'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { FormError } from '@/components/ui/form-error'
import { useCurrentUser } from '@/hooks/useCurrentUser'
import { useRemoveAvatar, useUploadAvatar } from '@/queries/files'
import { AvatarCropper } from './AvatarCropper'
import type { CropBox } from './crop'

const ACCEPTED = 'image/png,image/jpeg,image/gif,image/webp'

/** Settings → Profile: choose a picture and the square of it to keep, save or remove it. */
export function AvatarSettings() {
  const user = useCurrentUser()
  const upload = useUploadAvatar()
  const remove = useRemoveAvatar()
  const input = useRef<HTMLInputElement>(null)
  const inputId = useId()
  const [chosen, setChosen] = useState<File | null>(null)
  const [crop, setCrop] = useState<CropBox | null>(null)
  const preview = useObjectUrl(chosen)
  const error = upload.error?.message ?? remove.error?.message

  const save = () => {
    if (!chosen || !crop) return
    upload.mutate(
      { file: chosen, crop },
      {
        onSuccess: () => {
          setChosen(null)
          toast.success('Profile picture saved')
        },
      },
    )
  }

  return (
    <Card>
      <CardTitle>Profile picture</CardTitle>
      <CardDescription>
        Shown in the menu, to the people of your organizations and to administrators. Choose the
        square to keep; it is stored without the picture's metadata (such as where a photo was
        taken).
      </CardDescription>
      <div className="mt-6 flex flex-wrap items-center gap-6">
        {preview ? (
          <AvatarCropper src={preview} crop={crop} onCropChange={setCrop} />
        ) : (
          <UserAvatar user={user} size="lg" />
        )}
        <div className="grid gap-2">
          <FormError message={error} />
          <input
            ref={input}
            id={inputId}
            type="file"
            accept={ACCEPTED}
            className="sr-only"
            aria-label="Choose a profile picture"
            onChange={(event) => {
              upload.reset()
              setCrop(null)
              setChosen(event.target.files?.[0] ?? null)
            }}
          />
          {chosen ? (
            <div className="flex gap-2">
              <Button onClick={save} disabled={upload.isPending || !crop}>
                {upload.isPending ? 'Saving…' : 'Save picture'}
              </Button>
              <Button variant="outline" onClick={() => setChosen(null)}>
                Cancel
              </Button>
            </div>
          ) : (
            <div className="flex gap-2">
              <Button variant="outline" onClick={() => input.current?.click()}>
                {user.avatar_id ? 'Change picture' : 'Upload picture'}
              </Button>
              {user.avatar_id ? (
                <Button
                  variant="ghost"
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(undefined, {
                      onSuccess: () => toast.success('Profile picture removed'),
                    })
                  }
                >
                  Remove
                </Button>
              ) : null}
            </div>
          )}
        </div>
      </div>
    </Card>
  )
}

function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!file) {
      setUrl(null)
      return
    }
    const made = URL.createObjectURL(file)
    setUrl(made)
    return () => URL.revokeObjectURL(made)
  }, [file])
  return url
}
