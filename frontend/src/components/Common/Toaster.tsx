import { Toaster as Sonner } from 'sonner'
import { useTheme } from '@/hooks/useTheme'

export function Toaster() {
  const { resolved } = useTheme()
  return <Sonner theme={resolved} richColors closeButton position="top-right" />
}
