import { describe, expect, test } from 'vitest'
import { readStaffFile } from '#app/lib/workforce/read-staff-file.server.ts'
import { esrCsv, esrMapping, NURSE, openFile } from '#tests/staff-files.ts'

const mapping = esrMapping()
const read = async (rows: Record<string, string>[]) => {
  const result = await readStaffFile({ open: openFile(esrCsv(rows)), mapping, today: '2026-11-30' })
  if (!result.ok) throw new Error(result.error.message)
  return result
}
const second = (change: Record<string, string>) => ({
  ...NURSE,
  'Assignment Number': '10000001-2',
  'Primary Assignment': 'No',
  ...change,
})

describe("a person's rows", () => {
  test('the same employee number at two organisations is two people, whatever their names', async () => {
    const result = await read([
      NURSE,
      { ...NURSE, 'Assignment Number': '55500001', 'Organisation Code': 'RXL', 'First Name': 'Ben' },
    ])
    expect(result.problems).toEqual([])
    expect(result.rows.map((row) => [row.organisationCode, row.employeeNumber, row.firstName, row.primary])).toEqual([
      ['RXN', '10000001', 'Amira', true],
      ['RXL', '10000001', 'Ben', true],
    ])
  })

  test('a later row giving the same person another name is left out', async () => {
    const result = await read([
      NURSE,
      second({ 'First Name': 'Amina' }),
      second({ 'Assignment Number': '10000001-3', 'Last Name': 'Kahn' }),
    ])
    expect(result.rows.map((row) => row.line)).toEqual([2])
    expect(result.problems).toEqual([
      {
        line: 3,
        field: 'First Name',
        value: 'Amina',
        person: { organisationCode: 'RXN', employeeNumber: '10000001' },
        message:
          "Employee number 10000001 at organisation RXN is Amira Khan on line 2 but Amina Khan here. All of a person's rows must give the same name.",
      },
      {
        line: 4,
        field: 'Last Name',
        value: 'Kahn',
        person: { organisationCode: 'RXN', employeeNumber: '10000001' },
        message:
          "Employee number 10000001 at organisation RXN is Amira Khan on line 2 but Amira Kahn here. All of a person's rows must give the same name.",
      },
    ])
  })

  test('a second active primary assignment is left out, after the rows before and after it are read', async () => {
    const result = await read([
      NURSE,
      second({ 'Primary Assignment': 'Yes' }),
      second({ 'Assignment Number': '10000001-3' }),
    ])
    expect(result.rows.map((row) => row.assignmentNumber)).toEqual(['10000001', '10000001-3'])
    expect(result.problems).toEqual([
      {
        line: 3,
        field: 'Assignment Number',
        value: '10000001-2',
        person: { organisationCode: 'RXN', employeeNumber: '10000001' },
        message:
          'Employee number 10000001 at organisation RXN already has an active primary assignment (10000001 on line 2). A person can have only one: mark the other as not primary in Primary Assignment, or end it.',
      },
    ])
  })

  test('an ended primary assignment and the new one that replaced it are both kept', async () => {
    const ended = { ...NURSE, 'Assignment Status': 'Terminate Assignment', 'Assignment End Date': '31/03/2025' }
    const result = await read([ended, second({ 'Primary Assignment': 'Yes', 'Assignment Start Date': '01/04/2025' })])
    expect(result.problems).toEqual([])
    expect(result.rows.map((row) => [row.assignmentNumber, row.primary, row.active])).toEqual([
      ['10000001', true, false],
      ['10000001-2', true, true],
    ])
  })
})
