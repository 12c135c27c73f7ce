import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { PasskeyPublic } from '@/client/types.gen'
import { FormDialog } from '@/components/Common/FormDialog'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { errorMessage } from '@/lib/errors'
import { useRenamePasskey } from '@/queries/passkeys'
import { passkeyNameRules } from './passkey-name'

export function RenamePasskeyDialog({ passkey }: { passkey: PasskeyPublic }) {
  const [open, setOpen] = useState(false)
  const rename = useRenamePasskey()
  const { register, handleSubmit, formState, reset } = useForm<{ name: string }>({
    defaultValues: { name: passkey.name },
  })
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset({ name: passkey.name })
      rename.reset()
    }
  }
  const submit = handleSubmit(({ name }) =>
    rename.mutate({ id: passkey.id, name: name.trim() }, { onSuccess: () => setOpen(false) }),
  )

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant="outline" size="sm">
          Rename {passkey.name}
        </Button>
      }
      title="Rename passkey"
      description="The name is for you: it changes nothing on the device."
      onSubmit={submit}
      error={rename.isError ? errorMessage(rename.error) : null}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={rename.isPending}
    >
      <InputField
        id="rename-passkey-name"
        label="Name"
        autoComplete="off"
        error={formState.errors.name?.message}
        {...register('name', passkeyNameRules)}
      />
    </FormDialog>
  )
}
