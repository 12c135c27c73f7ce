import { useQuery } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { signInOptionsQuery } from '@/queries/sign-in-options'

/**
 * Switches the "Confirm it's you" dialog between the password and a code from the
 * authenticator app, where two-factor authentication is on.
 */
export function CodeProofSwitch({
  usingCode,
  onSwitch,
}: {
  usingCode: boolean
  onSwitch: () => void
}) {
  const { data: options } = useQuery(signInOptionsQuery())
  if (!options?.two_factor) return null
  return (
    <Button type="button" variant="link" className="justify-self-start px-0" onClick={onSwitch}>
      {usingCode ? 'Use your password instead' : 'Use a code from your authenticator app instead'}
    </Button>
  )
}
