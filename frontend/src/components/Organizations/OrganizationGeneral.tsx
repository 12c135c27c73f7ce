import { toast } from 'sonner'
import type { OrganizationPublic } from '@/client/types.gen'
import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { useOrganizationPermissions } from '@/hooks/useOrganizationPermissions'
import { useUpdateOrganization } from '@/queries/organizations'
import { DeleteOrganization } from './DeleteOrganization'
import { OrganizationForm, type OrganizationValues } from './OrganizationForm'

/** The organization's name and address, and deleting it: each for the roles allowed to. */
export function OrganizationGeneral({ organization }: { organization: OrganizationPublic }) {
  const { can, roleName } = useOrganizationPermissions(organization)
  const update = useUpdateOrganization(organization.id)
  const mayRename = can('organization:write')
  const onSubmit = (values: OrganizationValues) =>
    update.mutateAsync(values, { onSuccess: () => toast.success('Organization saved') })
  return (
    <div className="grid gap-6">
      <Card>
        <CardTitle>Name and address</CardTitle>
        <CardDescription>
          {mayRename
            ? 'How the organization is called, and its short name in links.'
            : `As ${roleName}, you can see these but not change them.`}
        </CardDescription>
        <div className="mt-4">
          <OrganizationForm
            key={`${organization.name}/${organization.slug}`}
            defaultValues={{ name: organization.name, slug: organization.slug }}
            pending={update.isPending}
            submitLabel="Save"
            disabled={!mayRename}
            onSubmit={onSubmit}
          />
        </div>
      </Card>
      <DeleteOrganization organization={organization} mayDelete={can('organization:delete')} />
    </div>
  )
}
