import { describe, expect, test } from 'vitest'
import { launchLabel, unitState } from './unit-state.ts'

const at = new Date('2026-11-30T10:00:00Z')

describe('a course unit’s state', () => {
  test('not launched and no progress: not started', () => {
    expect(unitState({ progress: undefined, launched: false })).toBe('not-started')
  })
  test('launched, or reported on, but not satisfied: in progress', () => {
    expect(unitState({ progress: undefined, launched: true })).toBe('in-progress')
    expect(unitState({ progress: { satisfiedAt: null, waivedAt: null }, launched: false })).toBe('in-progress')
  })
  test('satisfied: done; waived wins over satisfied', () => {
    expect(unitState({ progress: { satisfiedAt: at, waivedAt: null }, launched: true })).toBe('done')
    expect(unitState({ progress: { satisfiedAt: at, waivedAt: at }, launched: true })).toBe('waived')
    expect(unitState({ progress: { satisfiedAt: null, waivedAt: at }, launched: false })).toBe('waived')
  })
  test('the launch button names the unit and says what comes next', () => {
    expect(launchLabel('not-started', 'Introduction')).toBe('Start Introduction')
    expect(launchLabel('in-progress', 'Introduction')).toBe('Continue Introduction')
    expect(launchLabel('done', 'Introduction')).toBe('Open Introduction again')
    expect(launchLabel('waived', 'Introduction')).toBe('Open Introduction again')
  })
})
