import { describe, expect, test } from 'vitest'
import { readStaffDate } from '#app/lib/workforce/staff-dates.ts'

describe('dates in a staff list', () => {
  test.each([
    ['01/04/2024', 'DD/MM/YYYY', '2024-04-01'],
    ['1/4/2024', 'DD/MM/YYYY', '2024-04-01'],
    ['29/02/2024', 'DD/MM/YYYY', '2024-02-29'],
    ['2024-04-01', 'DD/MM/YYYY', '2024-04-01'],
    ['01-APR-2024', 'DD-MON-YYYY', '2024-04-01'],
    ['1-apr-2024', 'DD-MON-YYYY', '2024-04-01'],
    ['2024-04-01', 'DD-MON-YYYY', '2024-04-01'],
    ['2024-04-01', 'YYYY-MM-DD', '2024-04-01'],
  ] as const)('%s written as %s is %s', (value, format, date) => {
    expect(readStaffDate(value, format)).toEqual({ ok: true, date })
  })

  test.each([
    ['04/01/2024 00:00', 'DD/MM/YYYY', 'is not a date written like 01/04/2024'],
    ['01-APR-2024', 'DD/MM/YYYY', 'is not a date written like 01/04/2024'],
    ['01/04/2024', 'DD-MON-YYYY', 'is not a date written like 01-APR-2024'],
    ['01-APL-2024', 'DD-MON-YYYY', 'is not a date written like 01-APR-2024'],
    ['29/02/2023', 'DD/MM/YYYY', 'is not a real date'],
    ['2024-13-01', 'YYYY-MM-DD', 'is not a real date'],
  ] as const)('%s written as %s %s', (value, format, problem) => {
    expect(readStaffDate(value, format)).toEqual({ ok: false, problem })
  })
})
