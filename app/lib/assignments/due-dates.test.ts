import { describe, expect, test } from 'vitest'
import { daysOverdue, defaultDueDate, endOfDueDate } from './due-dates.ts'

describe('due dates', () => {
  test('a date is due by the end of that day; impossible dates are refused', () => {
    expect(endOfDueDate('2026-06-30')).toEqual(new Date('2026-06-30T23:59:59.999Z'))
    expect(endOfDueDate('2028-02-29')).toEqual(new Date('2028-02-29T23:59:59.999Z'))
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-6-30', '30/06/2026', '', '20260-06-30']) {
      expect(endOfDueDate(bad), bad).toBeNull()
    }
  })

  test('overdue counts whole days from the day after the due date', () => {
    const due = endOfDueDate('2026-06-30') as Date
    expect(daysOverdue(due, new Date('2026-06-30T23:00:00Z'))).toBe(0)
    expect(daysOverdue(due, new Date('2026-07-01T00:00:00Z'))).toBe(1)
    expect(daysOverdue(due, new Date('2026-07-01T23:59:59Z'))).toBe(1)
    expect(daysOverdue(due, new Date('2026-07-11T09:00:00Z'))).toBe(11)
  })

  test('the form suggests four weeks ahead', () => {
    expect(defaultDueDate(new Date('2026-11-26T12:00:00Z'))).toBe('2026-12-24')
  })
})
