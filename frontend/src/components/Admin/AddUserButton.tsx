import { UserPlus } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { useCreateUser } from '@/queries/users'
import { UserForm, type UserValues } from './UserForm'

export function AddUserButton() {
  const [open, setOpen] = useState(false)
  const createUser = useCreateUser()
  const onSubmit = ({ email, full_name, password, is_superuser, is_active }: UserValues) =>
    createUser.mutateAsync(
      { email, full_name: full_name || null, password: password || null, is_superuser, is_active },
      {
        onSuccess: () => {
          toast.success('User created')
          setOpen(false)
        },
      },
    )
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          Add user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add user</DialogTitle>
          <DialogDescription>Create an account for someone else.</DialogDescription>
        </DialogHeader>
        <UserForm
          defaultValues={{
            email: '',
            full_name: '',
            password: '',
            is_superuser: false,
            is_active: true,
          }}
          passwordHint="Leave empty to email them a link to choose their own."
          pending={createUser.isPending}
          onSubmit={onSubmit}
        />
      </DialogContent>
    </Dialog>
  )
}
