import { KeyRound } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
import { passkeysSupported } from '@/lib/webauthn'
import { useSignInWithPasskey } from '@/queries/account'

/** "Sign in with a passkey": no email asked, the passkey the person picks names the account. */
export function PasskeySignInButton({ onSuccess }: { onSuccess: () => void }) {
  const signIn = useSignInWithPasskey()
  if (!passkeysSupported()) return null
  return (
    <div className="mt-6 grid gap-2">
      <p className="text-center text-sm text-muted-foreground">or</p>
      <Button
        type="button"
        variant="outline"
        disabled={signIn.isPending}
        onClick={() => signIn.mutate(undefined, { onSuccess })}
      >
        <KeyRound aria-hidden="true" />
        Sign in with a passkey
      </Button>
      <FormError message={signIn.isError ? errorMessage(signIn.error) : null} />
    </div>
  )
}
