import type { StaffColumns } from '#app/lib/workforce/staff-columns.ts'
import { readStaffDate } from '#app/lib/workforce/staff-dates.ts'
import type { RowProblem, StaffRow } from '#app/lib/workforce/staff-file.schema.ts'
import { staffFieldLabels, type StaffField, type StaffMapping } from '#app/lib/workforce/staff-mapping.ts'

// One CSV record into a StaffRow, or every reason it cannot be one (all at once, so whoever fixes the
// file sees the whole row's problems in one go).

const REQUIRED_VALUES = [
  'employeeNumber',
  'assignmentNumber',
  'firstName',
  'lastName',
  'organisationCode',
  'assignmentStatus',
] as const satisfies StaffField[]

// ESR writes Yes/No; other HR systems and hand-edited files use the rest. A blank means not primary.
const PRIMARY_VALUES = new Map([
  ...['yes', 'y', 'true', '1', 'primary', 'p'].map((value) => [value, true] as const),
  ...['no', 'n', 'false', '0', 'secondary', 's', ''].map((value) => [value, false] as const),
])

// A sanity check, not validation: one @, no spaces, and a dot inside the domain.
const EMAIL = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/

export type RowContext = {
  columns: StaffColumns
  mapping: StaffMapping
  /** YYYY-MM-DD: an assignment that ended before this day is not active. */
  today: string
  /** Lower-cased statuses that mean the assignment has ended. */
  inactiveStatuses: Set<string>
  /** Shares one copy of values that repeat on many rows (organisations, levels, staff groups). */
  intern: (value: string) => string
}

export type RowResult = { ok: true; row: StaffRow } | { ok: false; problems: RowProblem[] }

export function readStaffRow(
  cells: string[],
  line: number,
  { columns, mapping, today, inactiveStatuses, intern }: RowContext,
): RowResult {
  const problems: RowProblem[] = []
  const cell = (field: StaffField) => {
    const column = columns.fields[field]
    return column ? (cells[column.index] ?? '').trim() : ''
  }
  const headerOf = (field: StaffField) => columns.fields[field]?.header ?? field
  const problem = (field: StaffField, value: string, message: string) => {
    problems.push({ line, field: headerOf(field), value, message })
  }
  const optional = (field: StaffField) => intern(cell(field)) || null

  for (const field of REQUIRED_VALUES) {
    if (!cell(field)) problem(field, '', `${headerOf(field)} is blank: every row needs the ${staffFieldLabels[field]}.`)
  }

  const rawEmail = cell('email')
  if (rawEmail && !EMAIL.test(rawEmail)) {
    problem('email', rawEmail, `'${rawEmail}' in ${headerOf('email')} does not look like an email address.`)
  }

  const hierarchy = hierarchyOf(cells, columns.hierarchy).map(intern)
  if (hierarchy.length === 0) {
    const headers = 'path' in columns.hierarchy ? [columns.hierarchy.path] : columns.hierarchy.levels
    const named = headers.length > 1 ? `${headers[0]?.header} to ${headers.at(-1)?.header}` : (headers[0]?.header ?? '')
    problems.push({
      line,
      field: headers[0]?.header ?? '',
      value: '',
      message: `No organisation level is filled in (${named}): every row needs at least one to place the person in the organisation.`,
    })
  }

  const rawPrimary = cell('primaryAssignment')
  const primary = PRIMARY_VALUES.get(rawPrimary.toLowerCase())
  if (primary === undefined) {
    problem('primaryAssignment', rawPrimary, `'${rawPrimary}' in ${headerOf('primaryAssignment')} is not Yes or No.`)
  }

  const dateIn = (field: StaffField) => {
    const raw = cell(field)
    if (!raw) return null
    const read = readStaffDate(raw, mapping.dateFormat)
    if (read.ok) return read.date
    problem(field, raw, `${headerOf(field)} '${raw}' ${read.problem}.`)
    return null
  }
  const startDate = dateIn('assignmentStart')
  const endDate = dateIn('assignmentEnd')
  if (startDate && endDate && endDate < startDate) {
    const [start, end] = [cell('assignmentStart'), cell('assignmentEnd')]
    problem(
      'assignmentEnd',
      end,
      `The assignment ends before it starts: ${headerOf('assignmentEnd')} '${end}' is before ${headerOf('assignmentStart')} '${start}'.`,
    )
  }

  if (problems.length > 0 || primary === undefined) return { ok: false, problems }
  const status = intern(cell('assignmentStatus'))
  return {
    ok: true,
    row: {
      line,
      employeeNumber: cell('employeeNumber'),
      assignmentNumber: cell('assignmentNumber'),
      firstName: cell('firstName'),
      lastName: cell('lastName'),
      email: rawEmail ? rawEmail.toLowerCase() : null,
      organisationCode: intern(cell('organisationCode')),
      organisationName: optional('organisationName'),
      hierarchy,
      positionTitle: optional('positionTitle'),
      staffGroup: optional('staffGroup'),
      jobRole: optional('jobRole'),
      primary,
      status,
      active: !inactiveStatuses.has(status.toLowerCase()) && (endDate === null || endDate >= today),
      startDate,
      endDate,
      lineManager: {
        employeeNumber: optional('lineManagerEmployeeNumber'),
        assignmentNumber: optional('lineManagerAssignmentNumber'),
      },
    },
  }
}

function hierarchyOf(cells: string[], hierarchy: StaffColumns['hierarchy']): string[] {
  const values =
    'path' in hierarchy
      ? (cells[hierarchy.path.index] ?? '').split(hierarchy.separator)
      : hierarchy.levels.map((level) => cells[level.index] ?? '')
  return values.map((value) => value.trim()).filter((value) => value !== '')
}
