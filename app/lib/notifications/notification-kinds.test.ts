import { describe, expect, test } from 'vitest'
import { emailKinds } from '#app/lib/email/outgoing-email.ts'
import { kindLabels, reminderKinds, reminderKindsFor } from './notification-kinds.ts'

describe('the emails people can choose about', () => {
  test('are every kind of email but the password reset', () => {
    expect([...reminderKinds].sort()).toEqual(emailKinds.filter((kind) => kind !== 'password-reset').sort())
  })

  test('offer the weekly summary of teams only to managers', () => {
    expect(reminderKindsFor({ manager: true })).toContain('manager-digest')
    expect(reminderKindsFor({ manager: false })).toEqual([
      'assigned',
      'due-soon',
      'due-today',
      'overdue',
      'evidence-lapsing',
    ])
  })

  test('are named in a fixed order whatever order they come in', () => {
    expect(kindLabels(['overdue', 'due-soon'])).toEqual(['Learning due in 7 days', 'Overdue learning'])
  })
})
