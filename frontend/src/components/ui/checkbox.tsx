import type { ComponentProps } from 'react'
import { cn } from '@/lib/utils'

/** A native checkbox: keyboard, forms and screen readers work without extra code. */
export function Checkbox({ className, ...props }: Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <input
      type="checkbox"
      className={cn(
        'peer size-5 shrink-0 rounded border-input accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60',
        className,
      )}
      {...props}
    />
  )
}
