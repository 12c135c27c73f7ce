/**
 * Sensitive changes (email, password, sign-in methods, deleting the account) need a
 * recent proof of identity: the API answers 403 with `code: reauthentication_required`
 * when the session's is too old. authedFetch then asks for one here, and the dialog
 * mounted in the signed-in layout answers; the request is replayed once it is given.
 */
export const REAUTHENTICATION_REQUIRED = 'reauthentication_required'

type Asker = (done: (proven: boolean) => void) => void

let asker: Asker | null = null
let pending: Promise<boolean> | null = null

/** True once the person has proved who they are again; false if they cancelled. */
export function requestProof(): Promise<boolean> {
  const ask = asker
  if (ask === null) return Promise.resolve(false)
  // Concurrent refusals share one dialog.
  pending ??= new Promise<boolean>((resolve) => ask(resolve)).finally(() => {
    pending = null
  })
  return pending
}

/** The dialog registers here; returns the function that unregisters it. */
export function answerProofRequests(handler: Asker): () => void {
  asker = handler
  return () => {
    if (asker === handler) asker = null
  }
}

export async function needsProof(response: Response): Promise<boolean> {
  if (response.status !== 403) return false
  try {
    const body: unknown = await response.clone().json()
    return (
      typeof body === 'object' &&
      body !== null &&
      Reflect.get(body, 'code') === REAUTHENTICATION_REQUIRED
    )
  } catch {
    return false
  }
}
