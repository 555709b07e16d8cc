import { z } from 'zod'
import { dateField } from '#app/lib/forms/date-field.ts'
import { parseForm, type ParsedForm } from '#app/lib/forms/parse-form.ts'
import type { AuditAction } from './audit-log.server.ts'
import { type AuditGroup, isAuditAction, isAuditGroup } from './audit-words.server.ts'

// The audit log's filters, read from the page's address (a GET form, so a filtered list can be bookmarked,
// shared and downloaded as CSV with the same query). Unknown values are ignored; dates that are not real are
// errors, since leaving them out would quietly widen the list.

const NAME_TEXT_TOO_LONG = 'Enter 100 characters or fewer'
const nameText = z
  .string()
  .trim()
  .max(100, NAME_TEXT_TOO_LONG)
  .optional()
  .transform((value) => value || undefined)

/** Day, month and year boxes that may all be left empty; otherwise they must make a real date. */
function optionalDate(label: string) {
  const date = dateField({ label, missing: `Enter the ${label.toLowerCase()}` })
  return z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, context) => {
    if (`${parts.day}${parts.month}${parts.year}`.trim() === '') return undefined
    const result = date.safeParse(parts)
    if (result.success) return result.data
    context.addIssue({ code: 'custom', message: result.error.issues[0]?.message ?? `${label} must be a real date` })
    return z.NEVER
  })
}

const cursor = z.coerce.number().int().positive().optional().catch(undefined)
const id = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)

export const auditFiltersSchema = z
  .object({
    action: z
      .string()
      .optional()
      .transform((value): AuditAction | AuditGroup | undefined =>
        value && (isAuditAction(value) || isAuditGroup(value)) ? value : undefined,
      ),
    who: nameText,
    subject: nameText,
    from: optionalDate('Start date'),
    to: optionalDate('End date'),
    /** Only the changes one staff import made (linked from the import's page and from the log's own rows). */
    importRun: id,
    /** Only the changes to one person or unit (linked from their pages). */
    subjectId: id,
    before: cursor,
    after: cursor,
  })
  .superRefine((filters, context) => {
    if (filters.from && filters.to && filters.to < filters.from) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'The end date must be the same as or after the start date',
      })
    }
  })

export type AuditFilterForm = z.output<typeof auditFiltersSchema>
export type AuditFilters = Partial<Omit<AuditFilterForm, 'before' | 'after'>>

export function parseAuditFilters(search: URLSearchParams): ParsedForm<AuditFilterForm> {
  const formData = new FormData()
  for (const [name, value] of search) formData.append(name, value)
  return parseForm(formData, auditFiltersSchema)
}

/** The address's filters without its page position: for the paging links, the CSV link and "clear". */
export function filterSearch(search: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams()
  for (const [name, value] of search)
    if (value !== '' && name !== 'before' && name !== 'after') kept.append(name, value)
  return kept
}

export function hasFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined)
}
