import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { describedBy, Field, InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Textarea } from '@/components/ui/textarea'
import { useServerErrors } from '@/hooks/useServerErrors'

const itemSchema = z.object({
  title: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter a title'),
      z.maxLength(255, 'Use at most 255 characters'),
    ),
  description: z.string().check(z.trim(), z.maxLength(255, 'Use at most 255 characters')),
})
export type ItemValues = z.infer<typeof itemSchema>
const SERVER_FIELDS = ['title', 'description'] as const

type ItemFormProps = {
  defaultValues: ItemValues
  submitLabel: string
  pending: boolean
  /** Saves; a rejection's errors are shown on the fields they concern. */
  onSubmit: (values: ItemValues) => Promise<unknown>
}

export function ItemForm({ defaultValues, submitLabel, pending, onSubmit }: ItemFormProps) {
  const { register, handleSubmit, formState, setError } = useForm<ItemValues>({
    resolver: zodResolver(itemSchema),
    defaultValues,
  })
  const { errors } = formState
  const server = useServerErrors(setError, SERVER_FIELDS)
  const submit = handleSubmit((values) => {
    server.clear()
    return onSubmit(values).catch(server.report)
  })
  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormError message={server.formError} />
      <InputField
        id="item-title"
        label="Title"
        error={errors.title?.message}
        {...register('title')}
      />
      <Field id="item-description" label="Description" error={errors.description?.message}>
        <Textarea
          {...describedBy('item-description', errors.description?.message)}
          {...register('description')}
        />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </DialogFooter>
    </form>
  )
}
