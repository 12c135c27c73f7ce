import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useServerErrors } from '@/hooks/useServerErrors'
import { answerProofRequests } from '@/lib/reauthentication'
import { required } from '@/lib/validation'
import { useReauthenticate } from '@/queries/reauthentication'

const proofSchema = z.object({ password: required('Enter your password') })
type ProofValues = z.infer<typeof proofSchema>
const SERVER_FIELDS = ['password'] as const

/**
 * Asks for the password when the API wants a fresh proof of identity before a
 * sensitive change (lib/reauthentication.ts); the change goes ahead once it is given.
 */
export function ReauthenticationDialog() {
  const [open, setOpen] = useState(false)
  const done = useRef<((proven: boolean) => void) | null>(null)
  const reauthenticate = useReauthenticate()
  const { register, handleSubmit, formState, setError, reset } = useForm<ProofValues>({
    resolver: zodResolver(proofSchema),
    defaultValues: { password: '' },
  })
  const server = useServerErrors(setError, SERVER_FIELDS)

  useEffect(
    () =>
      answerProofRequests((resolve) => {
        done.current = resolve
        setOpen(true)
      }),
    [],
  )

  const finish = (proven: boolean) => {
    done.current?.(proven)
    done.current = null
    setOpen(false)
    reset()
    server.clear()
  }

  const submit = handleSubmit((body) => {
    server.clear()
    reauthenticate.mutate(body, { onSuccess: () => finish(true), onError: server.report })
  })

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? setOpen(true) : finish(false))}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Confirm it's you</DialogTitle>
          <DialogDescription>
            This change needs your password again, as it has been a while since you last entered it.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <FormError message={server.formError} />
          <InputField
            id="reauthenticate-password"
            label="Password"
            error={formState.errors.password?.message}
            type="password"
            autoComplete="current-password"
            {...register('password')}
          />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => finish(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={reauthenticate.isPending}>
              {reauthenticate.isPending ? 'Checking…' : 'Confirm'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
