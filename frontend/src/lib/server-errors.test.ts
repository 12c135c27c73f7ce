import { describe, expect, it } from 'vitest'
import { isLinkRefusal, serverErrors } from './server-errors'

const USER_FIELDS = ['email', 'full_name', 'password'] as const

describe('serverErrors', () => {
  it('puts each validation issue on the field its loc names', () => {
    const error = {
      detail: [
        { loc: ['body', 'email'], msg: 'Enter a valid email address' },
        { loc: ['body', 'password'], msg: 'Value error, Too short' },
      ],
    }
    expect(serverErrors(error, USER_FIELDS)).toEqual({
      fields: { email: 'Enter a valid email address', password: 'Too short' },
      form: null,
    })
  })

  it('keeps issues about fields the form does not have for the form', () => {
    const error = { detail: [{ loc: ['query', 'skip'], msg: 'Must be positive' }] }
    expect(serverErrors(error, USER_FIELDS)).toEqual({ fields: {}, form: 'Skip: Must be positive' })
  })

  it('puts a taken email on the email field', () => {
    const error = { detail: 'The user with this email already exists in the system' }
    expect(serverErrors(error, USER_FIELDS).fields.email).toMatch(/already exists/)
  })

  it('puts a refused password on the password field the form has', () => {
    const error = { detail: 'This password is too common; choose a less predictable one' }
    expect(serverErrors(error, USER_FIELDS).fields).toEqual({ password: error.detail })
    expect(serverErrors(error, ['current_password', 'new_password'] as const).fields).toEqual({
      new_password: error.detail,
    })
  })

  it('puts a wrong current password on that field', () => {
    const error = { detail: 'Incorrect password' }
    const fields = ['current_password', 'new_password'] as const
    expect(serverErrors(error, fields).fields).toEqual({ current_password: 'Incorrect password' })
  })

  it('puts a refused typed confirmation on the confirmation field', () => {
    const error = { detail: 'Type your email address exactly as shown to confirm' }
    const fields = ['current_password', 'confirmation'] as const
    expect(serverErrors(error, fields)).toEqual({
      fields: { confirmation: error.detail },
      form: null,
    })
  })

  it("leaves an emailed link's refusal for the form, even when it mentions a password", () => {
    const error = { detail: 'This link was already used: log in with your new password' }
    expect(serverErrors(error, ['new_password'])).toEqual({ fields: {}, form: error.detail })
    expect(isLinkRefusal(error.detail)).toBe(true)
  })

  it('leaves other details for the form', () => {
    expect(serverErrors({ detail: 'Invalid or expired token' }, ['new_password'] as const)).toEqual(
      { fields: {}, form: 'Invalid or expired token' },
    )
  })

  it('words Pydantic messages for people, with the limit', () => {
    const error = {
      detail: [
        {
          type: 'value_error',
          loc: ['body', 'email'],
          msg: 'value is not a valid email address: The email address is too long (58 characters too many)',
        },
        {
          type: 'string_too_long',
          loc: ['body', 'full_name'],
          msg: 'String should have at most 255 characters',
          ctx: { max_length: 255 },
        },
      ],
    }
    expect(serverErrors(error, USER_FIELDS).fields).toEqual({
      email: 'An email address can be at most 254 characters',
      full_name: 'Use at most 255 characters',
    })
  })
})
