import type { StaffColumns } from '#app/lib/workforce/staff-columns.ts'
import type { RowProblem, StaffRow } from '#app/lib/workforce/staff-file.schema.ts'

// Checks across a person's rows. A person is their organisation code and employee number (the same
// employee number at two organisations is two people); each of their assignments is one row.

// NUL cannot appear in a value: a file containing one is refused as binary before it is parsed.
const personKey = (row: StaffRow) => `${row.organisationCode}\u0000${row.employeeNumber}`

const describePerson = (row: StaffRow) =>
  `Employee number ${row.employeeNumber} at organisation ${row.organisationCode}`

/** Called row by row while reading: a problem when a person's later row gives them a different name. */
export function nameCheck(columns: StaffColumns): (row: StaffRow) => RowProblem | null {
  const names = new Map<string, { firstName: string; lastName: string; line: number }>()
  return (row) => {
    const key = personKey(row)
    const first = names.get(key)
    if (!first) {
      names.set(key, { firstName: row.firstName, lastName: row.lastName, line: row.line })
      return null
    }
    if (first.firstName === row.firstName && first.lastName === row.lastName) return null
    const field = first.firstName === row.firstName ? 'lastName' : 'firstName'
    return {
      line: row.line,
      field: columns.fields[field]?.header ?? field,
      value: row[field],
      message: `${describePerson(row)} is ${first.firstName} ${first.lastName} on line ${first.line} but ${row.firstName} ${row.lastName} here. All of a person's rows must give the same name.`,
    }
  }
}

/**
 * After reading, since it needs all of a person's rows: a person's second (and later) active primary
 * assignment is left out, because the primary assignment decides their team and role profile.
 */
export function leaveOutExtraPrimaries(
  rows: StaffRow[],
  columns: StaffColumns,
): { rows: StaffRow[]; problems: RowProblem[] } {
  const primaries = new Map<string, StaffRow>()
  const kept: StaffRow[] = []
  const problems: RowProblem[] = []
  const assignmentHeader = columns.fields.assignmentNumber?.header ?? 'assignmentNumber'
  const primaryHeader = columns.fields.primaryAssignment?.header ?? 'primaryAssignment'
  for (const row of rows) {
    const first = row.primary && row.active ? primaries.get(personKey(row)) : undefined
    if (first) {
      problems.push({
        line: row.line,
        field: assignmentHeader,
        value: row.assignmentNumber,
        person: { organisationCode: row.organisationCode, employeeNumber: row.employeeNumber },
        message: `${describePerson(row)} already has an active primary assignment (${first.assignmentNumber} on line ${first.line}). A person can have only one: mark the other as not primary in ${primaryHeader}, or end it.`,
      })
      continue
    }
    if (row.primary && row.active) primaries.set(personKey(row), row)
    kept.push(row)
  }
  return { rows: kept, problems }
}
