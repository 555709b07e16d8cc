import { z } from 'zod'
import { parseYamlWithSchema, type Validated } from '#app/lib/content/yaml-with-lines.ts'

// Which column of an HR staff list holds which piece of information. ESR exports differ between
// organisations (and change when someone edits a report), so the headers live in a mapping file the
// workforce team can edit rather than in code: workforce/esr-mapping.yaml is the checked-in default.

/** What each single-column field holds, in the words staff messages use. */
export const staffFieldLabels = {
  employeeNumber: 'employee number',
  assignmentNumber: 'assignment number',
  firstName: 'first name',
  lastName: 'last name',
  email: 'work email address',
  organisationCode: 'organisation code',
  organisationName: 'organisation name',
  positionTitle: 'position title',
  staffGroup: 'staff group',
  jobRole: 'job role',
  primaryAssignment: 'whether an assignment is the primary one',
  assignmentStatus: 'assignment status',
  assignmentStart: 'assignment start date',
  assignmentEnd: 'assignment end date',
  lineManagerEmployeeNumber: "line manager's employee number",
  lineManagerAssignmentNumber: "line manager's assignment number",
} as const

export type StaffField = keyof typeof staffFieldLabels

export const staffDateFormats = ['DD/MM/YYYY', 'YYYY-MM-DD', 'DD-MON-YYYY'] as const

const header = (holds: string) =>
  z
    .string({ error: `give the header of the column that holds ${holds}` })
    .trim()
    .min(1, `give the header of the column that holds ${holds}`)

const column = (field: StaffField) => header(`the ${staffFieldLabels[field]}`)

/** A strict object whose unknown keys (usually misspelt ones) are named in plain words. */
const strictWith = <Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  messages: { unknownKey: string; notAMap: string },
) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys')
        return `${issue.keys.join(', ')} ${messages.unknownKey}: check the spelling`
      if (issue.code === 'invalid_type') return messages.notAMap
      return undefined
    },
  })

const columnsSchema = strictWith(
  {
    employeeNumber: column('employeeNumber'),
    assignmentNumber: column('assignmentNumber'),
    firstName: column('firstName'),
    lastName: column('lastName'),
    email: column('email').optional(),
    organisationCode: column('organisationCode'),
    organisationName: column('organisationName').optional(),
    hierarchy: z
      .array(header('one organisation level'), {
        error: 'list the headers of the organisation level columns, highest level first',
      })
      .min(1, 'list at least one organisation level column')
      .optional(),
    hierarchyPath: header('the whole organisation path').optional(),
    hierarchySeparator: z.string({ error: 'give the text that separates levels in hierarchyPath' }).min(1).optional(),
    positionTitle: column('positionTitle').optional(),
    staffGroup: column('staffGroup').optional(),
    jobRole: column('jobRole').optional(),
    primaryAssignment: column('primaryAssignment'),
    assignmentStatus: column('assignmentStatus'),
    assignmentStart: column('assignmentStart').optional(),
    assignmentEnd: column('assignmentEnd').optional(),
    lineManagerEmployeeNumber: column('lineManagerEmployeeNumber').optional(),
    lineManagerAssignmentNumber: column('lineManagerAssignmentNumber').optional(),
  },
  { unknownKey: 'is not a field the import reads', notAMap: 'list the fields under columns:, one per line' },
).superRefine((columns, ctx) => {
  if (columns.hierarchy && columns.hierarchyPath) {
    ctx.addIssue({
      code: 'custom',
      path: ['hierarchyPath'],
      message:
        'give either hierarchy (one column per level) or hierarchyPath (one column with the whole path), not both',
    })
  } else if (!columns.hierarchy && !columns.hierarchyPath) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: 'give hierarchy (one column per organisation level) or hierarchyPath (one column with the whole path)',
    })
  }
  if (columns.hierarchySeparator !== undefined && !columns.hierarchyPath) {
    ctx.addIssue({
      code: 'custom',
      path: ['hierarchySeparator'],
      message: 'hierarchySeparator is used only with hierarchyPath',
    })
  }
})

export const staffMappingSchema = strictWith(
  {
    columns: columnsSchema,
    inactiveStatuses: z.array(z.string().trim().min(1, 'a status cannot be blank'), {
      error:
        'list the assignment statuses that mean the assignment has ended, such as Terminate Assignment ([] for none)',
    }),
    dateFormat: z.enum(staffDateFormats, { error: `dateFormat must be one of ${staffDateFormats.join(', ')}` }),
  },
  {
    unknownKey: 'is not a key of the mapping file (columns, inactiveStatuses, dateFormat)',
    notAMap: 'the mapping file needs columns, inactiveStatuses and dateFormat',
  },
)

export type StaffMapping = z.infer<typeof staffMappingSchema>
export type StaffDateFormat = StaffMapping['dateFormat']

export const staffFields = Object.keys(staffFieldLabels) as StaffField[]

/** Fields the mapping must name; the others may be left out when an organisation's files lack them. */
export const requiredStaffFields = staffFields.filter(
  (field) => !columnsSchema.shape[field].safeParse(undefined).success,
)

/** What separates levels in a hierarchyPath column when the mapping does not say. */
export const DEFAULT_HIERARCHY_SEPARATOR = '|'

/** Headers match whatever their case and surrounding spaces. */
export function headerKey(header: string): string {
  return header.trim().toLowerCase()
}

export function parseStaffMapping({ file, text }: { file: string; text: string }): Validated<StaffMapping> {
  return parseYamlWithSchema({ file, text }, staffMappingSchema)
}
