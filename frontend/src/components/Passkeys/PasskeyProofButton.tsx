import { useQuery } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { passkeysSupported } from '@/lib/webauthn'
import { useReauthenticateWithPasskey } from '@/queries/passkeys'
import { signInOptionsQuery } from '@/queries/sign-in-options'

/** "Use a passkey instead" in the "Confirm it's you" dialog, where passkeys are on. */
export function PasskeyProofButton({
  onStart,
  onProven,
  onError,
}: {
  onStart: () => void
  onProven: () => void
  onError: (error: Error) => void
}) {
  const { data: options } = useQuery(signInOptionsQuery())
  const prove = useReauthenticateWithPasskey()
  if (!options?.passkeys || !passkeysSupported()) return null
  return (
    <Button
      type="button"
      variant="outline"
      className="justify-self-start"
      disabled={prove.isPending}
      onClick={() => {
        onStart()
        prove.mutate(undefined, { onSuccess: onProven, onError })
      }}
    >
      Use a passkey instead
    </Button>
  )
}
