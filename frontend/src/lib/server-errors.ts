import { errorMessage, issueText } from '@/lib/errors'

/**
 * Where each error the API gives belongs in a form: on the field it is about,
 * or above the form when it concerns no one field. Every form goes through here,
 * so a person reads a server's refusal next to what they have to change.
 */
export type ServerErrors<F extends string> = {
  fields: Partial<Record<F, string>>
  form: string | null
}

type Issue = { loc?: unknown; msg?: unknown; type?: unknown; ctx?: unknown }

// The backend's 400/409 details that are about one field, and the fields they
// may be about, in order: a form gets the message on the first one it has.
const FIELD_DETAILS: [RegExp, string[]][] = [
  // An emailed link's refusal is about the link, whatever words it uses.
  [/^(This link|A newer link|This email change)/, []],
  [/already exists/i, ['email']],
  // #region capability: organizations
  [/^This address is taken by another organization/, ['slug']],
  [/^This (person is already a member|address has a pending invitation)/, ['email']],
  [/role by that name/, ['name']],
  // #endregion capability: organizations
  [/^Type your email address exactly/, ['confirmation']],
  [/^Incorrect password|current password is required/i, ['current_password']],
  [/^New password cannot/i, ['new_password']],
  [/password/i, ['password', 'new_password']],
]

export function serverErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): ServerErrors<F> {
  const has = (name: unknown): name is F => fields.some((field) => field === name)
  const detail = typeof error === 'object' && error !== null ? Reflect.get(error, 'detail') : null
  const found: Partial<Record<F, string>> = {}
  if (Array.isArray(detail)) {
    const rest: Issue[] = []
    for (const issue of detail as Issue[]) {
      const field = Array.isArray(issue.loc) ? issue.loc.at(-1) : undefined
      if (has(field) && found[field] === undefined) found[field] = issueText(issue)
      else rest.push(issue)
    }
    return { fields: found, form: rest.length > 0 ? errorMessage({ detail: rest }) : null }
  }
  if (typeof detail === 'string') {
    const rule = FIELD_DETAILS.find(([pattern]) => pattern.test(detail))
    const field = rule?.[1].find(has)
    if (field !== undefined && has(field))
      return { fields: { [field]: detail } as typeof found, form: null }
  }
  return { fields: found, form: errorMessage(error) }
}

/** Whether a form-level error is the refusal of an emailed link (used, replaced, expired). */
export function isLinkRefusal(message: string | null): boolean {
  return message !== null && /^(This link|A newer link|This email change)/.test(message)
}
