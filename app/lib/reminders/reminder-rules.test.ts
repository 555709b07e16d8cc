import { describe, expect, test } from 'vitest'
import { planReminders, type OutstandingWork, type PastReminder, type PlannedReminder } from './reminder-rules.ts'

const day = (iso: string) => new Date(`${iso}T07:00:00Z`)
const dueBy = (iso: string) => new Date(`${iso}T23:59:59.999Z`)
const work = (subject: string, due: string, assigned = '2026-10-01'): OutstandingWork => ({
  subject,
  dueAt: dueBy(due),
  assignedAt: day(assigned),
})
const kinds = (planned: PlannedReminder[]) => planned.map((reminder) => `${reminder.kind} ${reminder.subject}`)

/** Runs the planner every day from `from` for `days` days, keeping what it plans, as the ledger would. */
function everyDay(from: string, days: number, items: OutstandingWork[]) {
  const past: PastReminder[] = []
  const sent: string[] = []
  for (let n = 0; n < days; n++) {
    const now = new Date(day(from).getTime() + n * 86_400_000)
    for (const reminder of planReminders({ work: items, lapsing: [], past, now })) {
      const plannedOn = now.toISOString().slice(0, 10)
      past.push({ ...reminder, plannedOn })
      sent.push(`${plannedOn} ${reminder.kind}`)
    }
  }
  return sent
}

describe('when reminders are planned', () => {
  test('seven days before, on the day, then the day after and weekly while overdue, four times at most', () => {
    expect(everyDay('2026-11-01', 60, [work('module:phishing', '2026-11-20')])).toEqual([
      '2026-11-13 due-soon',
      '2026-11-20 due-today',
      '2026-11-21 overdue',
      '2026-11-28 overdue',
      '2026-12-05 overdue',
      '2026-12-12 overdue',
    ])
  })

  test('planning twice on one day plans nothing the second time', () => {
    const items = [work('module:phishing', '2026-11-30'), work('role-targets', '2026-11-20')]
    const now = day('2026-11-30')
    const first = planReminders({ work: items, lapsing: [], past: [], now })
    expect(kinds(first)).toEqual(['overdue role-targets', 'due-today module:phishing'])
    const past = first.map((reminder) => ({ ...reminder, plannedOn: '2026-11-30' }))
    expect(planReminders({ work: items, lapsing: [], past, now })).toEqual([])
  })

  test('work given with less than a week to go gets no "due soon" (the new-work email named the date)', () => {
    expect(everyDay('2026-11-25', 6, [work('module:phishing', '2026-11-28', '2026-11-25')])).toEqual([
      '2026-11-28 due-today',
      '2026-11-29 overdue',
    ])
  })

  test('the same module assigned to the team and to the person is reminded of once, at its earlier date', () => {
    const planned = planReminders({
      work: [work('module:phishing', '2026-12-20'), work('module:phishing', '2026-11-30')],
      lapsing: [],
      past: [],
      now: day('2026-11-30'),
    })
    expect(planned).toEqual([expect.objectContaining({ kind: 'due-today', period: '2026-11-30' })])
  })

  test('at most three reminder emails a day, the most pressing kept; the rest come on later days', () => {
    const items = ['a', 'b', 'c', 'd'].map((slug) => work(`module:${slug}`, '2026-11-29'))
    const lapsing = [{ competencyId: 'SAFE.1', expiresAt: dueBy('2026-12-10') }]
    const now = day('2026-11-30')
    const planned = planReminders({ work: [...items, work('module:e', '2026-11-30')], lapsing, past: [], now })
    expect(kinds(planned)).toEqual(['overdue module:a', 'overdue module:b', 'overdue module:c'])
    const past = planned.map((reminder) => ({ ...reminder, plannedOn: '2026-11-30' }))
    expect(planReminders({ work: items, lapsing, past, now })).toEqual([])
    expect(kinds(planReminders({ work: items, lapsing, past, now: day('2026-12-01') }))).toEqual([
      'overdue module:d',
      'evidence-lapsing competency:SAFE.1',
    ])
  })

  test('lapsing evidence of several skills comes in one email, counted once against the cap', () => {
    const lapsing = [
      { competencyId: 'SAFE.1', expiresAt: dueBy('2026-12-10') },
      { competencyId: 'COMM.2', expiresAt: dueBy('2026-12-20') },
    ]
    const planned = planReminders({ work: [], lapsing, past: [], now: day('2026-11-30') })
    expect(new Set(planned.map((reminder) => reminder.email)).size).toBe(1)
    expect(planned).toHaveLength(2)
  })

  test('a kind the person turned off is not planned', () => {
    const planned = planReminders({
      work: [work('module:phishing', '2026-11-30')],
      lapsing: [],
      past: [],
      now: day('2026-11-30'),
      optedOut: new Set(['due-today']),
    })
    expect(planned).toEqual([])
  })
})
