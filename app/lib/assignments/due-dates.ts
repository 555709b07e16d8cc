import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'

// Due dates are whole days. A date picked in a form (YYYY-MM-DD) is due by the end of that day (UTC, as
// every date on the site is shown in UTC), so work becomes overdue the day after it.

export const DEFAULT_DUE_IN_DAYS = 28

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The end of the day a YYYY-MM-DD date names, or null when it is not a real date. */
export function endOfDueDate(value: string): Date | null {
  const match = ISO_DATE.exec(value)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999))
  if (end.getUTCFullYear() !== year || end.getUTCMonth() !== month - 1 || end.getUTCDate() !== day) return null
  return end
}

/** The date a new assignment's form suggests: four weeks from today. */
export function defaultDueDate(now: Date): string {
  return isoDay(new Date(now.getTime() + DEFAULT_DUE_IN_DAYS * DAY_MS))
}

/** Whole days past due, counting any part of a day as a day: 1 on the day after the due date. */
export function daysOverdue(dueAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((now.getTime() - dueAt.getTime()) / DAY_MS))
}
