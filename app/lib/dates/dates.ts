// Dates as the site shows and counts them. Every date is shown in UTC, so a page, its CSV and the server
// that rendered them agree on the day whatever the reader's time zone. The one exception is a date with a
// time of day ('dateTime'), which is UK time, as the clock on the reader's wall says.

export const DAY_MS = 24 * 60 * 60 * 1000

const ukDay = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const ukTime = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
})

const formats = {
  /** "30 November 2026": how pages write a date (the house style). */
  long: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  /** "30 Nov 2026": report tables, whose columns are narrow. */
  short: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  /** "30 Nov": a chart's axis, where the year is in the title's span of weeks. */
  dayAndMonth: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  /**
   * "30 November 2026, 14:05": when something happened (an upload, an import). The time of day is UK time,
   * which is what the people reading it keep; the day is the UK day that time falls on.
   */
  dateTime: {
    format: (date: Date) => `${ukDay.format(date)}, ${ukTime.format(date)}`,
  },
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
