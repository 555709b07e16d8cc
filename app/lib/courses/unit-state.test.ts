import { describe, expect, test } from 'vitest'
import { launchLabel, unitNeeds, unitState } from './unit-state.ts'

const at = new Date('2026-11-30T10:00:00Z')

describe('a course unit’s state', () => {
  type Times = Record<'satisfiedAt' | 'waivedAt' | 'completedAt' | 'passedAt', Date | null>
  const none: Times = { satisfiedAt: null, waivedAt: null, completedAt: null, passedAt: null }
  const state = (progress: Partial<Times> | undefined, launched: boolean, moveOn = 'Passed' as const) =>
    unitState({ progress: progress && { ...none, ...progress }, moveOn, launched })

  test('not launched and no progress: not started', () => {
    expect(state(undefined, false)).toBe('not-started')
  })
  test('launched, or reported on, but not satisfied: in progress', () => {
    expect(state(undefined, true)).toBe('in-progress')
    expect(state({}, false)).toBe('in-progress')
  })
  test('satisfied: done; waived when the waiver satisfied it; met before a waiver stays done', () => {
    const later = new Date(at.getTime() + 60_000)
    expect(state({ satisfiedAt: at, passedAt: at }, true)).toBe('done')
    expect(state({ satisfiedAt: at, waivedAt: at }, true)).toBe('waived')
    expect(state({ waivedAt: at }, false)).toBe('waived')
    expect(state({ satisfiedAt: at, waivedAt: later, passedAt: at }, true)).toBe('done')
  })
  test('waived, then met by the learner anyway: done; what does not meet the unit’s moveOn leaves it waived', () => {
    const later = new Date(at.getTime() + 60_000)
    expect(state({ satisfiedAt: at, waivedAt: at, passedAt: later }, true)).toBe('done')
    expect(state({ satisfiedAt: at, waivedAt: at, completedAt: later }, true)).toBe('waived')
    expect(
      unitState({
        progress: { ...none, satisfiedAt: at, waivedAt: at, completedAt: later },
        moveOn: 'CompletedOrPassed',
        launched: true,
      }),
    ).toBe('done')
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
