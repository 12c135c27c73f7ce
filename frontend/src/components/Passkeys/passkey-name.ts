/** The API's limits on a passkey's name (1 to 64 characters once trimmed). */
export const passkeyNameRules = {
  validate: (value: string) => value.trim() !== '' || 'Name the passkey, e.g. “Work laptop”',
  maxLength: { value: 64, message: 'At most 64 characters' },
}
