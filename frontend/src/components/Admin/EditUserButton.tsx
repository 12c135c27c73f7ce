import { Pencil } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import type { UserPublic } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { useUpdateUser } from '@/queries/users'
import { UserForm, type UserValues } from './UserForm'

type EditUserButtonProps = {
  user: UserPublic
  /** Why this user's role and status cannot change (the last active superuser). */
  roleLockedReason?: string | undefined
}

export function EditUserButton({ user, roleLockedReason }: EditUserButtonProps) {
  const [open, setOpen] = useState(false)
  const updateUser = useUpdateUser()
  const onSubmit = ({ email, full_name, password, is_superuser, is_active }: UserValues) =>
    updateUser.mutateAsync(
      {
        id: user.id,
        email,
        full_name: full_name || null,
        // Left out when locked: the API keeps them as they are.
        ...(roleLockedReason ? {} : { is_superuser, is_active }),
        ...(password ? { password } : {}),
      },
      {
        onSuccess: () => {
          toast.success('User updated')
          setOpen(false)
        },
      },
    )
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Edit ${user.email}`}>
          <Pencil aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit user</DialogTitle>
          <DialogDescription>Change {user.email}'s details or permissions.</DialogDescription>
        </DialogHeader>
        <UserForm
          defaultValues={{
            email: user.email,
            full_name: user.full_name ?? '',
            password: '',
            is_superuser: user.is_superuser,
            is_active: user.is_active,
          }}
          passwordHint="Leave empty to keep the current password."
          pending={updateUser.isPending}
          roleLockedReason={roleLockedReason}
          onSubmit={onSubmit}
        />
      </DialogContent>
    </Dialog>
  )
}
