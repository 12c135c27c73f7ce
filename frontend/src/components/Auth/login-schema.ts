import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod/mini'
import { emailField, required } from '@/lib/validation'

export const loginSchema = z.object({
  email: emailField,
  password: required('Enter your password'),
})
export type LoginValues = z.infer<typeof loginSchema>

export const loginResolver = zodResolver(loginSchema)
