import { describe, expect, test } from 'vitest'
import { moduleStatuses, statusOf } from './module-status.ts'

const today = new Date('2026-11-30T12:00:00Z')
const due = new Date('2026-12-14T23:59:59Z')
const wasDue = new Date('2026-11-20T23:59:59Z')
const counts = () => true

describe("a module's status for one learner", () => {
  test('a module passed today is Passed, even with an attempt at it still open', () => {
    const statuses = moduleStatuses({
      attempts: [
        { moduleSlug: 'phishing', status: 'in-progress', completedAt: null },
        { moduleSlug: 'phishing', status: 'passed', completedAt: today },
      ],
      passCounts: counts,
      assignments: [],
    })
    expect(statusOf(statuses, 'phishing')).toEqual({ kind: 'passed', passedAt: today })
  })

  test('a pass whose evidence has lapsed no longer counts: the module is back in progress', () => {
    const statuses = moduleStatuses({
      attempts: [{ moduleSlug: 'phishing', status: 'passed', completedAt: today }],
      passCounts: () => false,
      assignments: [],
    })
    expect(statusOf(statuses, 'phishing')).toEqual({ kind: 'in-progress' })
  })

  test('overdue work comes before anything; work due is shown with its date; untouched modules are not started', () => {
    const statuses = moduleStatuses({
      attempts: [
        { moduleSlug: 'late', status: 'in-progress', completedAt: null },
        { moduleSlug: 'started', status: 'failed', completedAt: null },
      ],
      passCounts: counts,
      assignments: [
        { moduleSlug: 'late', status: 'overdue', dueAt: wasDue },
        { moduleSlug: 'soon', status: 'due', dueAt: due },
        { moduleSlug: null, status: 'due', dueAt: due },
      ],
    })
    expect(statusOf(statuses, 'late')).toEqual({ kind: 'overdue', dueAt: wasDue })
    expect(statusOf(statuses, 'soon')).toEqual({ kind: 'assigned', dueAt: due })
    expect(statusOf(statuses, 'started')).toEqual({ kind: 'in-progress' })
    expect(statusOf(statuses, 'other')).toEqual({ kind: 'not-started' })
  })
})
