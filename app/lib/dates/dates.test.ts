import { describe, expect, test } from 'vitest'
import { DAY_MS, formatDate, isoDay } from './dates.ts'

describe('dates', () => {
  test('read in words, on the UTC day, from a Date or its JSON string', () => {
    expect(formatDate('2026-12-24')).toBe('24 December 2026')
    expect(formatDate(new Date('2026-11-30T23:30:00Z'))).toBe('30 November 2026')
    expect(formatDate(new Date('2026-11-30T12:00:00Z').toJSON(), 'short')).toBe('30 Nov 2026')
    expect(formatDate(new Date('2026-11-30T12:00:00Z'), 'dayAndMonth')).toBe('30 Nov')
  })

  test('an ISO day is the UTC day an instant falls on', () => {
    expect(isoDay(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-26')
    expect(isoDay(new Date(Date.UTC(2026, 10, 26) + 2 * DAY_MS))).toBe('2026-11-28')
  })
})
