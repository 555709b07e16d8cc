import type { StaffDateFormat } from '#app/lib/workforce/staff-mapping.ts'

// Dates in HR files, read into YYYY-MM-DD. ISO dates are always accepted as well as the mapping's format,
// because a file tidied up by hand or by another system often has them. Excel drops leading zeros when it
// saves a file (1/4/2024), so one-digit days and months are accepted too.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

const EXAMPLES: Record<StaffDateFormat, string> = {
  'DD/MM/YYYY': '01/04/2024',
  'YYYY-MM-DD': '2024-04-01',
  'DD-MON-YYYY': '01-APR-2024',
}

type Parts = { year: number; month: number; day: number }

const READERS: Record<StaffDateFormat, (value: string) => Parts | null> = {
  'DD/MM/YYYY': (value) => {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
    return match ? { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) } : null
  },
  'YYYY-MM-DD': (value) => {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
    return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null
  },
  'DD-MON-YYYY': (value) => {
    const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value)
    const month = match ? MONTHS.indexOf((match[2] ?? '').toUpperCase()) + 1 : 0
    return match && month > 0 ? { day: Number(match[1]), month, year: Number(match[3]) } : null
  },
}

/** On failure, `problem` finishes a sentence that starts with the column and the value. */
export type StaffDate = { ok: true; date: string } | { ok: false; problem: string }

export function readStaffDate(value: string, format: StaffDateFormat): StaffDate {
  const parts = READERS[format](value) ?? READERS['YYYY-MM-DD'](value)
  if (!parts) return { ok: false, problem: `is not a date written like ${EXAMPLES[format]}` }
  const { year, month, day } = parts
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: 'is not a real date' }
  }
  return { ok: true, date: date.toISOString().slice(0, 10) }
}
