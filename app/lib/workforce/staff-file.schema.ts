import { z } from 'zod'

// What reading an HR staff list gives the rest of the import: typed rows, the rows left out with the
// reason, or one problem that stops the whole file. Kept as schemas so a stored preview can be checked
// when it is read back.

const text = z.string().min(1)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/** One assignment from the file, every value trimmed and blanks as null. */
export const staffRowSchema = z.object({
  /** The file line the row starts on (the header is line 1), for messages. */
  line: z.number().int().positive(),
  employeeNumber: text,
  assignmentNumber: text,
  firstName: text,
  lastName: text,
  /** Lower-cased. */
  email: text.nullable(),
  organisationCode: text,
  organisationName: text.nullable(),
  /** Organisation levels from highest to lowest, blank levels left out. */
  hierarchy: z.array(text).min(1),
  positionTitle: text.nullable(),
  staffGroup: text.nullable(),
  jobRole: text.nullable(),
  primary: z.boolean(),
  status: text,
  /** The status is not an ended one and the end date, if any, is today or later. */
  active: z.boolean(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  lineManager: z.object({ employeeNumber: text.nullable(), assignmentNumber: text.nullable() }),
})

export type StaffRow = z.infer<typeof staffRowSchema>

/** A row left out of the import; reading carries on. `field` is the column header as written in the file. */
export const rowProblemSchema = z.object({
  line: z.number().int().positive(),
  field: z.string(),
  value: z.string(),
  message: z.string(),
  /** Whose row it is, when the row names them: an import leaves that person as they are rather than suspend them. */
  person: z.object({ organisationCode: z.string(), employeeNumber: z.string() }).optional(),
})

export type RowProblem = z.infer<typeof rowProblemSchema>

/** A problem that stops the whole file from being read. */
export const fileProblemSchema = z.object({
  message: z.string(),
  line: z.number().int().positive().optional(),
  column: z.string().optional(),
})

export type FileProblem = z.infer<typeof fileProblemSchema>

export const staffFileEncodings = ['utf-8', 'windows-1252'] as const

export const staffFileResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    encoding: z.enum(staffFileEncodings),
    rows: z.array(staffRowSchema),
    problems: z.array(rowProblemSchema),
    /** Lines in the file, the header included. */
    lines: z.number().int().nonnegative(),
  }),
  z.object({ ok: z.literal(false), error: fileProblemSchema }),
])

export type StaffFileResult = z.infer<typeof staffFileResultSchema>
export type StaffFileEncoding = (typeof staffFileEncodings)[number]
