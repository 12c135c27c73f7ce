const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const

/** A size for people, in powers of 1000 as file managers show them: "4.2 MB". */
export function formatBytes(size: number): string {
  let value = size
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}
