import { Toaster as Sonner } from 'sonner'
import { useTheme } from '@/hooks/useTheme'

// Bottom-right, away from the header: a toast at the top would sit over the user
// menu for its whole life, just when someone reaches for it after an action.
export function Toaster() {
  const { resolved } = useTheme()
  return <Sonner theme={resolved} richColors closeButton position="bottom-right" />
}
