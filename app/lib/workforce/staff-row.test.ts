import { describe, expect, test } from 'vitest'
import { readStaffFile } from '#app/lib/workforce/read-staff-file.server.ts'
import { esrCsv, esrMapping, NURSE, openFile } from '#tests/staff-files.ts'

const today = '2026-11-30'
const mapping = esrMapping()

/** Reads the nurse's row changed by `change` on line 3, between two good rows (lines 2 and 4). */
async function readWith(change: Record<string, string>) {
  const before = { ...NURSE, 'Employee Number': '1', 'Assignment Number': '1' }
  const after = { ...NURSE, 'Employee Number': '3', 'Assignment Number': '3' }
  const result = await readStaffFile({
    open: openFile(esrCsv([before, { ...NURSE, ...change }, after])),
    mapping,
    today,
  })
  if (!result.ok) throw new Error(result.error.message)
  return { lines: result.rows.map((row) => row.line), problems: result.problems }
}

describe('a row with a problem is left out, with its line and column, and reading carries on', () => {
  test.each([
    [
      'a blank employee number',
      { 'Employee Number': '  ' },
      'Employee Number',
      '',
      'Employee Number is blank: every row needs the employee number.',
    ],
    [
      'a blank assignment number',
      { 'Assignment Number': '' },
      'Assignment Number',
      '',
      'Assignment Number is blank: every row needs the assignment number.',
    ],
    ['a blank last name', { 'Last Name': '' }, 'Last Name', '', 'Last Name is blank: every row needs the last name.'],
    [
      'a blank organisation code',
      { 'Organisation Code': '' },
      'Organisation Code',
      '',
      'Organisation Code is blank: every row needs the organisation code.',
    ],
    [
      'a blank status',
      { 'Assignment Status': '' },
      'Assignment Status',
      '',
      'Assignment Status is blank: every row needs the assignment status.',
    ],
    [
      'an email with no dot in its domain',
      { 'Work Email Address': 'amira.khan@nhs' },
      'Work Email Address',
      'amira.khan@nhs',
      "'amira.khan@nhs' in Work Email Address does not look like an email address.",
    ],
    [
      'an email with a space',
      { 'Work Email Address': 'amira khan@nhs.net' },
      'Work Email Address',
      'amira khan@nhs.net',
      "'amira khan@nhs.net' in Work Email Address does not look like an email address.",
    ],
    [
      'an email with two @',
      { 'Work Email Address': 'amira@khan@nhs.net' },
      'Work Email Address',
      'amira@khan@nhs.net',
      "'amira@khan@nhs.net' in Work Email Address does not look like an email address.",
    ],
    [
      'a date in another format',
      { 'Assignment Start Date': '2021/04/01' },
      'Assignment Start Date',
      '2021/04/01',
      "Assignment Start Date '2021/04/01' is not a date written like 01/04/2024.",
    ],
    [
      'a date that does not exist',
      { 'Assignment End Date': '31/02/2027' },
      'Assignment End Date',
      '31/02/2027',
      "Assignment End Date '31/02/2027' is not a real date.",
    ],
    [
      'a primary flag that is not yes or no',
      { 'Primary Assignment': 'Maybe' },
      'Primary Assignment',
      'Maybe',
      "'Maybe' in Primary Assignment is not Yes or No.",
    ],
    [
      'an end date before the start date',
      { 'Assignment Start Date': '01/04/2024', 'Assignment End Date': '01/03/2024' },
      'Assignment End Date',
      '01/03/2024',
      "The assignment ends before it starts: Assignment End Date '01/03/2024' is before Assignment Start Date '01/04/2024'.",
    ],
    [
      'no organisation level',
      { 'Org L3': '', 'Org L4': ' ', 'Org L5': '' },
      'Org L3',
      '',
      'No organisation level is filled in (Org L3 to Org L7): every row needs at least one to place the person in the organisation.',
    ],
  ])('%s', async (_, change, field, value, message) => {
    const { lines, problems } = await readWith(change)
    expect(problems).toEqual([expect.objectContaining({ line: 3, field, value, message })])
    // The person is named when the row says who it is, so that an import leaves them as they are.
    if (!(field in { 'Employee Number': 1, 'Organisation Code': 1 }))
      expect(problems[0]?.person).toEqual({ organisationCode: expect.any(String), employeeNumber: expect.any(String) })
    expect(lines).toEqual([2, 4])
  })

  test('every problem in a row is reported at once', async () => {
    const { problems } = await readWith({
      'First Name': '',
      'Work Email Address': 'nobody',
      'Primary Assignment': 'perhaps',
    })
    expect(problems.map((problem) => problem.field)).toEqual(['First Name', 'Work Email Address', 'Primary Assignment'])
  })
})

describe('values that are read', () => {
  test.each([
    ['Yes', true],
    ['Y', true],
    ['true', true],
    ['1', true],
    ['PRIMARY', true],
    ['p', true],
    ['No', false],
    ['n', false],
    ['False', false],
    ['0', false],
    ['Secondary', false],
    ['S', false],
    ['', false],
  ])('primary assignment %j means %s', async (flag, primary) => {
    const result = await readStaffFile({
      open: openFile(esrCsv([{ ...NURSE, 'Primary Assignment': flag }])),
      mapping,
      today,
    })
    expect(result.ok && result.rows[0]?.primary).toBe(primary)
  })

  test.each([
    ['an active status with no end date', 'Active Assignment', '', true],
    ['an ending status', 'Terminate Assignment', '', false],
    ['an ending status in other capitals', 'TERMINATE PROCESS ASSIGNMENT', '', false],
    ['an inactive status', 'Inactive Assignment', '', false],
    ['an end date that has passed', 'Active Assignment', '29/11/2026', false],
    ['an end date of today', 'Active Assignment', '30/11/2026', true],
    ['an end date still to come', 'Active Assignment', '2027-01-31', true],
  ])('%s: active is %s', async (_, status, end, active) => {
    const row = { ...NURSE, 'Assignment Status': status, 'Assignment End Date': end }
    const result = await readStaffFile({ open: openFile(esrCsv([row])), mapping, today })
    expect(result.ok && result.rows[0]?.active).toBe(active)
  })
})
