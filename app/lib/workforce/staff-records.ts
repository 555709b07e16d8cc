import { leaveOutExtraPrimaries, nameCheck } from '#app/lib/workforce/person-checks.ts'
import { locateColumns, type StaffColumns } from '#app/lib/workforce/staff-columns.ts'
import type {
  FileProblem,
  RowProblem,
  StaffFileEncoding,
  StaffFileResult,
  StaffRow,
} from '#app/lib/workforce/staff-file.schema.ts'
import type { StaffMapping } from '#app/lib/workforce/staff-mapping.ts'
import { readStaffRow, type RowContext } from '#app/lib/workforce/staff-row.ts'

// Takes a staff list's CSV records one at a time, in file order, and keeps only what the import needs:
// the typed rows, the row problems, and the assignment numbers and names seen so far. It knows nothing
// of bytes or streams, so the file can be fed to it by any parser.

export const PROGRESS_EVERY = 5_000

/** Thrown by `take` for a problem that stops the whole file. */
export class StopReading extends Error {
  override name = 'StopReading'
  constructor(readonly problem: FileProblem) {
    super(problem.message)
  }
}

const lineBreaks = (value: string) =>
  value.includes('\n') || value.includes('\r') ? (value.match(/\r\n|\r|\n/g)?.length ?? 0) : 0

export function staffRecords({
  mapping,
  today,
  onProgress,
}: {
  mapping: StaffMapping
  today: string
  onProgress?: (linesRead: number) => void
}) {
  let nextLine = 1
  let reported = 0
  let context: RowContext | null = null
  let checkName: ReturnType<typeof nameCheck> = () => null
  const rows: StaffRow[] = []
  const problems: RowProblem[] = []
  const assignmentLines = new Map<string, number>()
  const pool = new Map<string, string>()
  const intern = (value: string) => {
    const shared = pool.get(value)
    if (shared !== undefined) return shared
    pool.set(value, value)
    return value
  }
  const inactiveStatuses = new Set(mapping.inactiveStatuses.map((status) => status.toLowerCase()))

  function take(cells: string[]): void {
    const line = nextLine
    // A quoted value can run over several lines; the next record starts after them.
    nextLine = line + 1 + cells.reduce((count, cell) => count + lineBreaks(cell), 0)
    if (onProgress && Math.floor((nextLine - 1) / PROGRESS_EVERY) > Math.floor(reported / PROGRESS_EVERY)) {
      reported = nextLine - 1
      onProgress(reported)
    }
    // Blank lines, and the rows of empty cells Excel leaves below a table, are not staff.
    if (cells.every((cell) => cell.trim() === '')) return
    if (!context) {
      const located = locateColumns({ cells, line, mapping })
      if (!located.ok) throw new StopReading(located.error)
      context = { columns: located.columns, mapping, today, inactiveStatuses, intern }
      checkName = nameCheck(located.columns)
      return
    }
    const { columns } = context
    if (cells.length !== columns.width) {
      throw new StopReading({
        line,
        message: `Line ${line} has ${cells.length} columns, but the header row has ${columns.width}. A value with a comma in it must be in double quotes: check that line for a missing or extra comma.`,
      })
    }
    const assignment = columns.fields.assignmentNumber
    const assignmentNumber = assignment ? (cells[assignment.index] ?? '').trim() : ''
    if (assignmentNumber) {
      const earlier = assignmentLines.get(assignmentNumber)
      if (earlier !== undefined) {
        throw new StopReading({
          line,
          column: assignment?.header,
          message: `Assignment number ${assignmentNumber} appears on lines ${earlier} and ${line}. Each assignment must appear once.`,
        })
      }
      assignmentLines.set(assignmentNumber, line)
    }
    const result = readStaffRow(cells, line, context)
    if (!result.ok) {
      const person = personNamedIn(cells, context.columns)
      problems.push(...result.problems.map((problem) => (person ? { ...problem, person } : problem)))
      return
    }
    const differentName = checkName(result.row)
    if (differentName) problems.push({ ...differentName, person: personOf(result.row) })
    else rows.push(result.row)
  }

  function finish(encoding: StaffFileEncoding): StaffFileResult {
    const lines = nextLine - 1
    if (onProgress && reported !== lines) onProgress(lines)
    if (!context) {
      return {
        ok: false,
        error: {
          message: 'The file has no header row. Its first line must name the columns, such as Employee Number.',
        },
      }
    }
    if (rows.length === 0 && problems.length === 0) {
      return { ok: false, error: { message: 'The file has a header row but no staff in it.' } }
    }
    const primaries = leaveOutExtraPrimaries(rows, context.columns)
    const allProblems = [...problems, ...primaries.problems].sort((a, b) => a.line - b.line)
    return { ok: true, encoding, rows: primaries.rows, problems: allProblems, lines }
  }

  return {
    take,
    finish,
    /** The line the record being parsed starts on: where a quote that never closes was opened. */
    get nextLine() {
      return nextLine
    },
  }
}

/** The person a row is about, if its organisation code and employee number are there to say. */
function personNamedIn(cells: string[], columns: StaffColumns) {
  const read = (column: { index: number } | undefined) => (column ? (cells[column.index] ?? '').trim() : '')
  const organisationCode = read(columns.fields.organisationCode)
  const employeeNumber = read(columns.fields.employeeNumber)
  return organisationCode && employeeNumber ? { organisationCode, employeeNumber } : undefined
}

function personOf(row: StaffRow) {
  return { organisationCode: row.organisationCode, employeeNumber: row.employeeNumber }
}
