import { zodResolver } from '@hookform/resolvers/zod'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useServerErrors } from '@/hooks/useServerErrors'
import { isSlug, SLUG_MAX_LENGTH, slugFromName } from '@/lib/slug'

const organizationSchema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter a name'),
      z.maxLength(255, 'Use at most 255 characters'),
    ),
  slug: z
    .string()
    .check(
      z.trim(),
      z.minLength(3, 'Use at least 3 characters'),
      z.maxLength(SLUG_MAX_LENGTH, `Use at most ${SLUG_MAX_LENGTH} characters`),
      z.refine(isSlug, 'Use lower-case letters, digits and single hyphens between them'),
    ),
})
export type OrganizationValues = z.infer<typeof organizationSchema>
const SERVER_FIELDS = ['name', 'slug'] as const

type OrganizationFormProps = {
  defaultValues: OrganizationValues
  /** Fill the address from the name until the person types one of their own. */
  suggestSlug?: boolean
  pending: boolean
  submitLabel: string
  disabled?: boolean
  /** Saves; a rejection's errors (a taken address, say) land on their fields. */
  onSubmit: (values: OrganizationValues) => Promise<unknown>
  /** What goes beside the submit button (a dialog's Cancel). */
  footer?: (submit: ReactNode) => ReactNode
}

export function OrganizationForm({
  defaultValues,
  suggestSlug = false,
  pending,
  submitLabel,
  disabled = false,
  onSubmit,
  footer = (submit) => <div>{submit}</div>,
}: OrganizationFormProps) {
  const { register, handleSubmit, formState, setError, setValue, getFieldState } =
    useForm<OrganizationValues>({ resolver: zodResolver(organizationSchema), defaultValues })
  const { errors } = formState
  const server = useServerErrors(setError, SERVER_FIELDS)
  const submit = handleSubmit((values) => {
    server.clear()
    return onSubmit(values).catch(server.report)
  })
  const name = register('name', {
    onChange: (event: { target: { value: string } }) => {
      if (suggestSlug && !getFieldState('slug').isDirty)
        setValue('slug', slugFromName(event.target.value))
    },
  })
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormError message={server.formError} />
      <InputField
        id="organization-name"
        label="Name"
        autoComplete="organization"
        disabled={disabled}
        error={errors.name?.message}
        {...name}
      />
      <InputField
        id="organization-slug"
        label="Address"
        hint="Its short name in links: lower-case letters, digits and hyphens, like acme-labs."
        autoCapitalize="none"
        spellCheck={false}
        disabled={disabled}
        error={errors.slug?.message}
        {...register('slug')}
      />
      {footer(
        <Button type="submit" disabled={pending || disabled}>
          {pending ? 'Saving…' : submitLabel}
        </Button>,
      )}
    </form>
  )
}
