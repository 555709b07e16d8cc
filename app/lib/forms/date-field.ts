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
      const trimmed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() }
      const empty = DATE_PARTS.filter((part) => trimmed[part] === '')
      const problem =
        empty.length === DATE_PARTS.length
          ? missing
          : empty.length > 0
            ? `${label} must include a ${empty.join(' and ')}`
            : !/^\d+$/.test(trimmed.day) || !/^\d+$/.test(trimmed.month)
              ? `${label} must be a real date`
              : !/^\d{4}$/.test(trimmed.year)
                ? 'Year must include 4 numbers'
                : null
      const iso = problem ? null : realIsoDate(trimmed)
      if (iso) return iso
      context.addIssue({ code: 'custom', message: problem ?? `${label} must be a real date` })
      return z.NEVER
    })
    .pipe(z.string())
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
