import { zodResolver } from '@hookform/resolvers/zod'
import { useSuspenseQuery } from '@tanstack/react-query'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import type { OrganizationPublic, Permission, RolePublic } from '@/client/types.gen'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { InputField } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { useServerErrors } from '@/hooks/useServerErrors'
import { permissionsQuery } from '@/queries/organizations'
import { useCreateRole, useUpdateRole } from '@/queries/roles'

const roleSchema = z.object({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter a name'), z.maxLength(64, 'Use at most 64 characters')),
  permissions: z.array(z.string()),
})
type RoleValues = z.infer<typeof roleSchema>
const SERVER_FIELDS = ['name', 'permissions'] as const

type RoleDialogProps = {
  organization: OrganizationPublic
  /** The custom role to change; none to create one. */
  role?: RolePublic
  open: boolean
  onOpenChange: (open: boolean) => void
}

/**
 * A custom role as a checklist of the permissions the API lists. Those only Owners
 * hold are left out, and those one's own role lacks are shown but cannot be ticked.
 */
export function RoleDialog({ organization, role, open, onOpenChange }: RoleDialogProps) {
  const { data: permissions } = useSuspenseQuery(permissionsQuery())
  const { mayGrant } = useOrganizationPermissions(organization)
  const create = useCreateRole(organization.id)
  const update = useUpdateRole(organization.id)
  const { register, handleSubmit, formState, setError } = useForm<RoleValues>({
    resolver: zodResolver(roleSchema),
    defaultValues: { name: role?.name ?? '', permissions: role?.permissions ?? [] },
  })
  const server = useServerErrors(setError, SERVER_FIELDS)
  const submit = handleSubmit(({ name, permissions: chosen }) => {
    server.clear()
    const body = { name, permissions: chosen as Permission[] }
    const done = {
      onSuccess: () => {
        toast.success(role ? 'Role saved' : 'Role created')
        onOpenChange(false)
      },
    }
    const saving = role
      ? update.mutateAsync({ id: role.id, ...body }, done)
      : create.mutateAsync(body, done)
    return saving.catch(server.report)
  })
  const pending = create.isPending || update.isPending
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{role ? `Edit ${role.name}` : 'New role'}</DialogTitle>
          <DialogDescription>
            Members with this role may do what is ticked, from their next request.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <FormError message={server.formError} />
          <InputField
            id="role-name"
            label="Name"
            error={formState.errors.name?.message}
            {...register('name')}
          />
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">Permissions</legend>
            {permissions
              .filter((permission) => permission.grantable)
              .map((permission) => {
                const allowed = mayGrant([permission.id])
                const id = `role-permission-${permission.id.replace(':', '-')}`
                return (
                  <div key={permission.id} className="flex items-start gap-3">
                    <Checkbox
                      id={id}
                      value={permission.id}
                      disabled={!allowed}
                      aria-describedby={allowed ? undefined : `${id}-why`}
                      {...register('permissions')}
                    />
                    <label htmlFor={id} className="grid text-sm">
                      <span>{permission.description}</span>
                      <span className="text-xs text-muted-foreground">
                        {permission.id}
                        {allowed ? null : (
                          <span id={`${id}-why`}> · your own role does not hold it</span>
                        )}
                      </span>
                    </label>
                  </div>
                )
              })}
          </fieldset>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : role ? 'Save' : 'Create role'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
