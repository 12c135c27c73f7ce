/** The longest organization address (slug) the API accepts. */
export const SLUG_MAX_LENGTH = 64

/**
 * An organization's address suggested from its name, in the API's alphabet:
 * lower-case letters and digits with single hyphens between them
 * ("Acme Labs, Inc." → "acme-labs-inc"). Accents are dropped, not the letters.
 */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/^-+|-+$/g, '')
}

/** Whether the API will take this address as it is. */
export function isSlug(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
}
