import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
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
import { useDisableTwoFactor } from '@/queries/two-factor'

type DisableValues = { current_password: string; code: string }

export function DisableTwoFactorDialog() {
  const [open, setOpen] = useState(false)
  const disable = useDisableTwoFactor()
  const { register, handleSubmit, formState, reset } = useForm<DisableValues>({
    defaultValues: { current_password: '', code: '' },
  })
  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) {
      reset()
      disable.reset()
    }
  }
  const submit = handleSubmit((body) =>
    disable.mutate(
      { current_password: body.current_password, code: body.code.trim() },
      {
        onSuccess: () => {
          onOpenChange(false)
          toast.success('Two-factor authentication is off')
        },
      },
    ),
  )

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="destructive">Turn off</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Turn off two-factor authentication?</DialogTitle>
          <DialogDescription>
            Logging in will ask for your password only. Confirm with your password and a code.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <InputField
            id="disable-two-factor-password"
            label="Your password"
            type="password"
            autoComplete="current-password"
            error={formState.errors.current_password?.message}
            {...register('current_password', { required: 'Enter your password' })}
          />
          <InputField
            id="disable-two-factor-code"
            label="Code from the app, or a recovery code"
            autoComplete="one-time-code"
            error={formState.errors.code?.message}
            {...register('code', { required: 'Enter a code' })}
          />
          <FormError message={disable.isError ? errorMessage(disable.error) : null} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={disable.isPending}>
              {disable.isPending ? 'Turning off…' : 'Turn off'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
