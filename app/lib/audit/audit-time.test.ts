import { describe, expect, test } from 'vitest'
import { formatWhen, startOfNextUkDay, startOfUkDay } from './audit-time.ts'

describe('audit times', () => {
  test('are written in UK time: the same as UTC in winter, an hour ahead in summer', () => {
    expect(formatWhen(new Date('2026-11-30T14:05:09Z'))).toBe('30 November 2026, 14:05')
    expect(formatWhen(new Date('2026-07-01T14:05:00Z'))).toBe('1 July 2026, 15:05')
    expect(formatWhen('2026-07-01T23:30:00.000Z')).toBe('2 July 2026, 00:30')
  })

  test('a UK day starts at UK midnight, whichever side of a clock change it is', () => {
    expect(startOfUkDay('2026-11-30').toISOString()).toBe('2026-11-30T00:00:00.000Z')
    expect(startOfUkDay('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z')
    // The clocks go forward at 01:00 UTC on 29 March 2026 and back on 25 October 2026.
    expect(startOfUkDay('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z')
    expect(startOfUkDay('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z')
    expect(startOfUkDay('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z')
    expect(startOfUkDay('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z')
  })

  test('the next day starts where a day ends, across month and year ends', () => {
    expect(startOfNextUkDay('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z')
    expect(startOfNextUkDay('2026-06-30').toISOString()).toBe('2026-06-30T23:00:00.000Z')
  })
})
