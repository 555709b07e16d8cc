// Dates as the site shows and counts them. Every date is shown in UTC, so a page, its CSV and the server
// that rendered them agree on the day whatever the reader's time zone.

export const DAY_MS = 24 * 60 * 60 * 1000

const formats = {
  /** "30 November 2026": how pages write a date (the house style). */
  long: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  /** "30 Nov 2026": report tables, whose columns are narrow. */
  short: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  /** "30 Nov": a chart's axis, where the year is in the title's span of weeks. */
  dayAndMonth: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
}

export type DateStyle = keyof typeof formats

/** A date for reading, from a Date or its JSON string (loader data arrives as strings). */
export function formatDate(value: Date | string, style: DateStyle = 'long'): string {
  return formats[style].format(new Date(value))
}

/** YYYY-MM-DD of the (UTC) day an instant falls on: form values, file names and machine-readable dates. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}
