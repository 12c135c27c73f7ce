import type { ComponentProps, ReactNode } from 'react'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'

type FieldProps = {
  id: string
  label: string
  error?: string | undefined
  hint?: string | undefined
  children: ReactNode
}

/** A label, the control and its validation message, tied together for screen readers. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** Props that connect an input to its Field's message. */
export function describedBy(id: string, error: string | undefined) {
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  } as const
}

type InputFieldProps = Omit<FieldProps, 'children'> & ComponentProps<typeof Input>

/** A Field holding a single Input, already tied to the Field's label and message. */
export function InputField({ id, label, error, hint, ...inputProps }: InputFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <Input {...describedBy(id, error)} {...inputProps} />
    </Field>
  )
}
