import { z } from 'zod/mini'
import { EMAIL_MAX_LENGTH } from '@/lib/errors'

// The same limits the backend enforces, so most mistakes are caught before a round trip.
// zod/mini keeps the login page's JavaScript small (see the bundle budget).
export const emailField = z.pipe(
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter your email address'),
      z.maxLength(
        EMAIL_MAX_LENGTH,
        `An email address can be at most ${EMAIL_MAX_LENGTH} characters`,
      ),
    ),
  z.email('Enter a valid email address'),
)

export const newPasswordField = z
  .string()
  .check(
    z.minLength(8, 'Use at least 8 characters'),
    z.maxLength(128, 'Use at most 128 characters'),
  )

export const fullNameField = z
  .string()
  .check(z.trim(), z.maxLength(255, 'Use at most 255 characters'))

export function required(message: string) {
  return z.string().check(z.minLength(1, message))
}

/** A check for forms with a "repeat the password" field. */
export function passwordsMatch<T extends Record<string, unknown>>(
  password: keyof T & string,
  confirmation: keyof T & string,
) {
  return z.refine<T>((values) => values[password] === values[confirmation], {
    path: [confirmation],
    message: 'The passwords do not match',
  })
}
