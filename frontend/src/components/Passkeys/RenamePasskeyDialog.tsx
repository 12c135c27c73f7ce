import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { PasskeyPublic } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
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
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Rename {passkey.name}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename passkey</DialogTitle>
          <DialogDescription>
            The name is for you: it changes nothing on the device.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <InputField
            id="rename-passkey-name"
            label="Name"
            autoComplete="off"
            error={formState.errors.name?.message}
            {...register('name', passkeyNameRules)}
          />
          <FormError message={rename.isError ? errorMessage(rename.error) : null} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={rename.isPending}>
              {rename.isPending ? 'Saving…' : 'Save'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
