import { invitationsAcceptInvitation, invitationsPreviewInvitation } from '@/client/sdk.gen'

// The invitation link's page is open to visitors, who have no query cache
// (see lib/query-client.ts): it calls these through useAction.

/** What an invitation link offers: the organization, the role and who invited. */
export async function previewInvitation(token: string) {
  const { data } = await invitationsPreviewInvitation({ body: { token }, throwOnError: true })
  return data
}

/** Join the organization; the signed-in account must have the invited, confirmed address. */
export async function acceptInvitation(token: string) {
  const { data } = await invitationsAcceptInvitation({ body: { token }, throwOnError: true })
  return data
}
