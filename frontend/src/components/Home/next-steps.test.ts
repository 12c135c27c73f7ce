import { describe, expect, it } from 'vitest'
import { navItemsFor } from '@/components/Layout/nav-items'
import { nextStepsFor } from './next-steps'

const pathsFor = (is_superuser: boolean) => nextStepsFor({ is_superuser }).map((step) => step.to)

describe('the next steps on the home page', () => {
  it('lead everyone to their settings, and not to the admin pages', () => {
    expect(pathsFor(false)).toContain('/settings')
    expect(pathsFor(false)).not.toContain('/admin')
    expect(pathsFor(false)).not.toContain('/audit-log')
  })

  it('lead superusers to the admin pages as well', () => {
    expect(pathsFor(true)).toEqual(expect.arrayContaining(['/settings', '/admin', '/audit-log']))
  })

  it('lead only to pages the sidebar offers the same user', () => {
    for (const is_superuser of [false, true]) {
      const offered = navItemsFor({ is_superuser }).map((item) => item.to)
      expect(offered).toEqual(expect.arrayContaining(pathsFor(is_superuser)))
    }
  })

  it('say what each page is for', () => {
    for (const step of nextStepsFor({ is_superuser: true })) {
      expect(step.description).toMatch(/^[A-Z].*\.$/)
    }
  })
})
