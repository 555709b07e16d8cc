import { z } from 'zod'

// NHS.UK date inputs: a date is typed as day, month and year in three boxes, never picked from the
// browser's own control (its format follows the device's locale). parseForm reads the three boxes of any
// field whose schema is dateField(...) into one object, and the schema turns them into YYYY-MM-DD.

export const DATE_PARTS = ['day', 'month', 'year'] as const
export type DatePart = (typeof DATE_PARTS)[number]
export type DateParts = Record<DatePart, string>

const datePartsSchema = z.object({ day: z.string(), month: z.string(), year: z.string() })

/** True for the schema shape dateField builds: parseForm reads such a field from its three boxes. */
export function isDatePartsShape(shape: Record<string, unknown>): boolean {
  const keys = Object.keys(shape)
  return keys.length === DATE_PARTS.length && DATE_PARTS.every((part) => keys.includes(part))
}

/**
 * A day/month/year field giving YYYY-MM-DD, with the NHS.UK error messages: `missing` when every box is
 * empty, then "<label> must include a month", "Year must include 4 numbers", "<label> must be a real date".
 */
export function dateField({ label, missing }: { label: string; missing: string }) {
  return datePartsSchema
    .transform((parts, context) => {
      const problem = dateProblem(parts)
      const iso = problem ? null : realIsoDate(trimmedParts(parts))
      if (iso) return iso
      const message =
        problem?.kind === 'missing'
          ? missing
          : problem?.kind === 'incomplete'
            ? `${label} must include a ${problem.parts.join(' and ')}`
            : problem?.kind === 'year'
              ? 'Year must include 4 numbers'
              : `${label} must be a real date`
      context.addIssue({ code: 'custom', message })
      return z.NEVER
    })
    .pipe(z.string())
}

/**
 * The boxes a person needs to correct, to mark only those in red (NHS.UK): the empty ones, the ones that
 * are not numbers, the year when it is not 4 numbers, or all three when together they are not a real date.
 */
export function datePartsAtFault(parts: DateParts): DatePart[] {
  const problem = dateProblem(parts)
  if (problem) return problem.parts
  return realIsoDate(trimmedParts(parts)) ? [] : [...DATE_PARTS]
}

type DateProblem = { kind: 'missing' | 'incomplete' | 'not-a-number' | 'year'; parts: DatePart[] }

/** What is wrong with the boxes before asking whether they make a real date, or null. */
function dateProblem(parts: DateParts): DateProblem | null {
  const trimmed = trimmedParts(parts)
  const empty = DATE_PARTS.filter((part) => trimmed[part] === '')
  if (empty.length === DATE_PARTS.length) return { kind: 'missing', parts: empty }
  if (empty.length > 0) return { kind: 'incomplete', parts: empty }
  const notNumbers = (['day', 'month'] as const).filter((part) => !/^\d+$/.test(trimmed[part]))
  if (notNumbers.length > 0) return { kind: 'not-a-number', parts: notNumbers }
  if (!/^\d{4}$/.test(trimmed.year)) return { kind: 'year', parts: ['year'] }
  return null
}

function trimmedParts(parts: DateParts): DateParts {
  return { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() }
}

function realIsoDate({ day, month, year }: DateParts): string | null {
  const [d, m, y] = [Number(day), Number(month), Number(year)]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** The boxes of a date input filled in with a YYYY-MM-DD date, as a person would type it ("5", "3", "2027"). */
export function datePartsOf(isoDate: string): DateParts {
  const [year = '', month = '', day = ''] = isoDate.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year }
}
