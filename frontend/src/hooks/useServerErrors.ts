import { useCallback, useState } from 'react'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { serverErrors } from '@/lib/server-errors'

/**
 * Puts a failed request's errors on the form's fields (lib/server-errors.ts) and
 * keeps what concerns no field for a FormError above the form.
 */
export function useServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
) {
  const [formError, setFormError] = useState<string | null>(null)
  const report = useCallback(
    (error: unknown) => {
      const found = serverErrors(error, fields)
      for (const [field, message] of Object.entries(found.fields) as [Path<T>, string][]) {
        setError(field, { type: 'server', message }, { shouldFocus: true })
      }
      setFormError(found.form)
    },
    [setError, fields],
  )
  const clear = useCallback(() => setFormError(null), [])
  return { formError, report, clear }
}
