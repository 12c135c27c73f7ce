import { zodResolver } from '@hookform/resolvers/zod'
import { type UseFormRegister, useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Label } from '@/components/ui/label'
import { useServerErrors } from '@/hooks/useServerErrors'
import { emailField, fullNameField, newPasswordField } from '@/lib/validation'

// An empty password means "leave it": on create the user gets a set-password link by email.
const userSchema = z.object({
  email: emailField,
  full_name: fullNameField,
  password: z.union([z.literal(''), newPasswordField]),
  // Absent when the checkboxes are locked: a disabled field has no value.
  is_superuser: z.optional(z.boolean()),
  is_active: z.optional(z.boolean()),
})
export type UserValues = z.infer<typeof userSchema>
const SERVER_FIELDS = ['email', 'full_name', 'password'] as const

type UserFormProps = {
  defaultValues: UserValues
  passwordHint: string
  pending: boolean
  /** Why "Superuser" and "Active" cannot change, when they cannot. */
  roleLockedReason?: string | undefined
  /** Saves; a rejection's errors are shown on the fields they concern. */
  onSubmit: (values: UserValues) => Promise<unknown>
}

export function UserForm({
  defaultValues,
  passwordHint,
  pending,
  roleLockedReason,
  onSubmit,
}: UserFormProps) {
  const { register, handleSubmit, formState, setError } = useForm<UserValues>({
    resolver: zodResolver(userSchema),
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
        id="user-email"
        label="Email"
        error={errors.email?.message}
        type="email"
        {...register('email')}
      />
      <InputField
        id="user-full-name"
        label="Full name"
        error={errors.full_name?.message}
        {...register('full_name')}
      />
      <InputField
        id="user-password"
        label="Password"
        error={errors.password?.message}
        hint={passwordHint}
        type="password"
        autoComplete="new-password"
        {...register('password')}
      />
      <div className="grid gap-1.5">
        <div className="flex flex-wrap gap-6">
          <CheckboxField
            register={register}
            name="is_superuser"
            label="Superuser"
            lockedReason={roleLockedReason}
          />
          <CheckboxField
            register={register}
            name="is_active"
            label="Active"
            lockedReason={roleLockedReason}
          />
        </div>
        {roleLockedReason ? (
          <p id={ROLE_LOCKED_ID} className="text-xs text-muted-foreground">
            {roleLockedReason}
          </p>
        ) : null}
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </DialogFooter>
    </form>
  )
}

const ROLE_LOCKED_ID = 'user-role-locked'

function CheckboxField({
  register,
  name,
  label,
  lockedReason,
}: {
  register: UseFormRegister<UserValues>
  name: 'is_superuser' | 'is_active'
  label: string
  lockedReason: string | undefined
}) {
  const id = `user-${name}`
  const locked = lockedReason !== undefined
  return (
    <div className="flex items-center gap-2">
      <Checkbox
        id={id}
        {...register(name)}
        disabled={locked}
        aria-describedby={locked ? ROLE_LOCKED_ID : undefined}
      />
      <Label htmlFor={id}>{label}</Label>
    </div>
  )
}
