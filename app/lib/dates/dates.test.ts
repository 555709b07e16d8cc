import { describe, expect, test } from 'vitest'
import { DAY_MS, formatDate, isoDay } from './dates.ts'

describe('dates', () => {
  test('read in words, on the UTC day, from a Date or its JSON string', () => {
    expect(formatDate('2026-12-24')).toBe('24 December 2026')
    expect(formatDate(new Date('2026-11-30T23:30:00Z'))).toBe('30 November 2026')
    expect(formatDate(new Date('2026-11-30T12:00:00Z').toJSON(), 'short')).toBe('30 Nov 2026')
    expect(formatDate(new Date('2026-11-30T12:00:00Z'), 'dayAndMonth')).toBe('30 Nov')
  })

  test('a date and time is read in UK time', () => {
    expect(formatDate(new Date('2026-11-30T14:05:00Z'), 'dateTime')).toBe('30 November 2026, 14:05')
    expect(formatDate(new Date('2026-07-01T08:07:00Z').toJSON(), 'dateTime')).toBe('1 July 2026, 09:07')
    expect(formatDate(new Date('2026-06-30T23:30:00Z'), 'dateTime')).toBe('1 July 2026, 00:30')
  })

  test('an ISO day is the UTC day an instant falls on', () => {
    expect(isoDay(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-26')
    expect(isoDay(new Date(Date.UTC(2026, 10, 26) + 2 * DAY_MS))).toBe('2026-11-28')
  })
})
