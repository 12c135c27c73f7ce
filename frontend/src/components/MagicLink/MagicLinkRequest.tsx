import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { errorMessage } from '@/lib/errors'
import { useSendMagicLink } from '@/queries/account'

/** "Email me a sign-in link": the answer is the same whether or not the account exists. */
export function MagicLinkRequest() {
  const [open, setOpen] = useState(false)
  const send = useSendMagicLink()
  const { register, handleSubmit, formState } = useForm<{ email: string }>({
    defaultValues: { email: '' },
  })
  const submit = handleSubmit(({ email }) => send.mutate(email.trim()))

  if (!open) {
    return (
      <Button variant="link" className="mt-2 w-full" onClick={() => setOpen(true)}>
        Email me a sign-in link
      </Button>
    )
  }
  if (send.status === 'success') {
    return (
      <p role="status" className="mt-4 text-sm">
        {send.data.message}
      </p>
    )
  }
  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-3">
      <InputField
        id="magic-link-email"
        label="Email for the sign-in link"
        type="email"
        autoComplete="email"
        error={formState.errors.email?.message}
        {...register('email', { required: 'Enter your email address' })}
      />
      <FormError message={send.isError ? errorMessage(send.error) : null} />
      <Button type="submit" variant="outline" disabled={send.isPending}>
        {send.isPending ? 'Sending…' : 'Send the link'}
      </Button>
    </form>
  )
}
