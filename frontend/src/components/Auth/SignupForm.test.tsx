import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { SignupForm } from './SignupForm'

describe('SignupForm', () => {
  it('reports each invalid field next to it, without submitting', async () => {
    const onSuccess = vi.fn()
    render(<SignupForm onSuccess={onSuccess} />)

    await userEvent.type(screen.getByLabelText('Email'), 'not-an-email')
    await userEvent.type(screen.getByLabelText('Password'), 'short')
    await userEvent.type(screen.getByLabelText('Confirm password'), 'different')
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }))

    expect(await screen.findByText('Enter a valid email address')).toBeInTheDocument()
    expect(screen.getByText('Use at least 8 characters')).toBeInTheDocument()
    expect(screen.getByText('The passwords do not match')).toBeInTheDocument()
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true')
    expect(onSuccess).not.toHaveBeenCalled()
  })

  it('refuses passwords longer than the backend accepts', async () => {
    render(<SignupForm onSuccess={vi.fn()} />)
    const long = 'x'.repeat(129)

    await userEvent.type(screen.getByLabelText('Email'), 'ok@example.com')
    await userEvent.click(screen.getByLabelText('Password'))
    await userEvent.paste(long)
    await userEvent.click(screen.getByLabelText('Confirm password'))
    await userEvent.paste(long)
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }))

    expect(await screen.findByText('Use at most 128 characters')).toBeInTheDocument()
  })
})
