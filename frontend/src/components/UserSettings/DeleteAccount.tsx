import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { toast } from 'sonner'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { setAccessToken } from '@/lib/access-token'
import { errorMessage } from '@/lib/errors'
import { emitSessionEvent } from '@/lib/session-events'
import { useDeleteMe } from '@/queries/users'

export function DeleteAccount() {
  const [open, setOpen] = useState(false)
  const deleteMe = useDeleteMe()
  const navigate = useNavigate()

  const onConfirm = () =>
    deleteMe.mutate(undefined, {
      onSuccess: async () => {
        setAccessToken(null)
        setOpen(false)
        toast.success('Your account has been deleted')
        await navigate({ to: '/login' })
        emitSessionEvent('changed')
      },
      onError: (error) => toast.error(errorMessage(error)),
    })

  return (
    <Card className="max-w-xl border-destructive/60">
      <CardTitle>Delete account</CardTitle>
      <CardDescription>
        Permanently delete your account and all your items. This cannot be undone.
      </CardDescription>
      <AlertDialog open={open} onOpenChange={setOpen}>
        <AlertDialogTrigger asChild>
          <Button variant="destructive" className="mt-4">
            Delete my account
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogTitle>Delete your account?</AlertDialogTitle>
          <AlertDialogDescription>
            Your account and everything in it will be deleted permanently.
          </AlertDialogDescription>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button variant="destructive" disabled={deleteMe.isPending} onClick={onConfirm}>
              {deleteMe.isPending ? 'Deleting…' : 'Delete'}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </Card>
  )
}
