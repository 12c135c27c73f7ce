import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
import { passkeysSupported } from '@/lib/webauthn'
import { useAddPasskey } from '@/queries/passkeys'

import { passkeyNameRules } from './passkey-name'

type NameValues = { name: string }

/** Names a new passkey, then lets the browser and the authenticator create it. */
export function AddPasskeyForm() {
  const add = useAddPasskey()
  const { register, handleSubmit, formState, reset } = useForm<NameValues>({
    defaultValues: { name: '' },
  })
  const submit = handleSubmit(({ name }) =>
    add.mutate(name.trim(), {
      onSuccess: (passkey) => {
        reset()
        toast.success(`Passkey “${passkey.name}” added`)
      },
    }),
  )

  if (!passkeysSupported()) {
    return <p className="text-sm">This browser cannot create passkeys.</p>
  }
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 border-t pt-4">
      <InputField
        id="passkey-name"
        label="Name for a new passkey"
        hint="Where it lives, so you can tell your passkeys apart"
        autoComplete="off"
        error={formState.errors.name?.message}
        {...register('name', passkeyNameRules)}
      />
      <FormError message={add.isError ? errorMessage(add.error) : null} />
      <Button type="submit" className="justify-self-start" disabled={add.isPending}>
        {add.isPending ? 'Waiting for your device…' : 'Add a passkey'}
      </Button>
    </form>
  )
}
