import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ComponentProps } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { FormDialog } from './FormDialog'

function renderDialog(props: Partial<ComponentProps<typeof FormDialog>> = {}) {
  const onSubmit = vi.fn((event: { preventDefault: () => void }) => event.preventDefault())
  const onOpenChange = vi.fn()
  render(
    <FormDialog
      open
      onOpenChange={onOpenChange}
      title="Edit profile"
      description="How others see you."
      onSubmit={onSubmit}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={false}
      {...props}
    >
      <input aria-label="Name" />
    </FormDialog>,
  )
  return { onSubmit, onOpenChange }
}

describe('FormDialog', () => {
  it('is a dialog named by its title that submits its form', async () => {
    const { onSubmit } = renderDialog()
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' })
    expect(dialog).toHaveAccessibleDescription('How others see you.')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onSubmit).toHaveBeenCalledOnce()
  })

  it('shows the pending state on a disabled submit button', () => {
    renderDialog({ pending: true })
    expect(screen.getByRole('button', { name: 'Saving…' })).toBeDisabled()
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull()
  })

  it('announces the error inside the dialog', () => {
    renderDialog({ error: 'That name is taken' })
    expect(screen.getByRole('dialog')).toContainElement(screen.getByRole('alert'))
    expect(screen.getByRole('alert')).toHaveTextContent('That name is taken')
  })

  it('closes on Cancel', async () => {
    const { onOpenChange } = renderDialog()
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onOpenChange).toHaveBeenCalledWith(false)
  })

  it('is an alert dialog without a close button for a confirmation that destroys', async () => {
    const { onOpenChange } = renderDialog({ kind: 'alertdialog', blocked: true, destructive: true })
    expect(screen.getByRole('alertdialog', { name: 'Edit profile' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled()
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onOpenChange).toHaveBeenCalledWith(false)
  })
})
