import { describe, expect, test } from 'vitest'
import { launchLabel, unitNeeds, unitState } from './unit-state.ts'

const at = new Date('2026-11-30T10:00:00Z')

describe('a course unit’s state', () => {
  test('not launched and no progress: not started', () => {
    expect(unitState({ progress: undefined, launched: false })).toBe('not-started')
  })
  test('launched, or reported on, but not satisfied: in progress', () => {
    expect(unitState({ progress: undefined, launched: true })).toBe('in-progress')
    expect(unitState({ progress: { satisfiedAt: null, waivedAt: null }, launched: false })).toBe('in-progress')
  })
  test('satisfied: done; waived when the waiver satisfied it; met before a waiver stays done', () => {
    const later = new Date(at.getTime() + 60_000)
    expect(unitState({ progress: { satisfiedAt: at, waivedAt: null }, launched: true })).toBe('done')
    expect(unitState({ progress: { satisfiedAt: at, waivedAt: at }, launched: true })).toBe('waived')
    expect(unitState({ progress: { satisfiedAt: null, waivedAt: at }, launched: false })).toBe('waived')
    expect(unitState({ progress: { satisfiedAt: at, waivedAt: later }, launched: true })).toBe('done')
  })
  test('the launch button names the unit and says what comes next; "again" only after it was opened', () => {
    expect(launchLabel('not-started', 'Introduction', false)).toBe('Start Introduction')
    expect(launchLabel('in-progress', 'Introduction', true)).toBe('Continue Introduction')
    expect(launchLabel('done', 'Introduction', true)).toBe('Open Introduction again')
    expect(launchLabel('waived', 'Introduction', true)).toBe('Open Introduction again')
    expect(launchLabel('waived', 'Introduction', false)).toBe('Open Introduction')
  })
  test('what a unit needs, in plain words', () => {
    expect(unitNeeds({ moveOn: 'Passed', masteryScore: 0.8 })).toBe('Pass it (pass mark 80%)')
    expect(unitNeeds({ moveOn: 'Completed', masteryScore: null })).toBe('Complete it')
    expect(unitNeeds({ moveOn: 'CompletedAndPassed', masteryScore: 0.8 })).toBe('Complete and pass it (pass mark 80%)')
    expect(unitNeeds({ moveOn: 'CompletedOrPassed', masteryScore: null })).toBe('Complete it or pass it')
    expect(unitNeeds({ moveOn: 'NotApplicable', masteryScore: null })).toBe('Nothing to do: counts as done')
  })
})
