import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect'

describe('safeRedirect', () => {
  it('keeps a path inside the app, with its query', () => {
    expect(safeRedirect('/admin?page=2')).toBe('/admin?page=2')
  })

  it.each([
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['javascript:alert(1)'],
  ])('refuses %s, which would leave the app', (target) => {
    expect(safeRedirect(target)).toBe('/')
  })

  it('does not send a user who just logged in back to the login page', () => {
    expect(safeRedirect('/login?redirect=%2F')).toBe('/')
  })

  it('defaults to the dashboard', () => {
    expect(safeRedirect(undefined)).toBe('/')
  })
})
