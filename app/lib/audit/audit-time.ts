// When an audit entry was made, as administrators read it: UK time, because an entry is checked against what
// someone remembers doing ("I renamed it at ten past three"), which in British Summer Time is an hour off UTC.
// Elsewhere the site writes dates in UTC (app/lib/dates/dates.ts); the CSV keeps the exact instant in UTC.

const TIME_ZONE = 'Europe/London'

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function londonParts(at: Date) {
  const parts = Object.fromEntries(partsFormat.formatToParts(at).map((part) => [part.type, part.value]))
  return parts as Record<'day' | 'month' | 'year' | 'hour' | 'minute' | 'second', string>
}

/** "30 November 2026, 14:05", in UK time. */
export function formatWhen(value: Date | string): string {
  const { day, month, year, hour, minute } = londonParts(new Date(value))
  return `${day} ${month} ${year}, ${hour}:${minute}`
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** How far UK time is ahead of UTC at this instant, in milliseconds (0 in winter, an hour in summer). */
function londonOffset(at: Date): number {
  const { day, month, year, hour, minute, second } = londonParts(at)
  const wall = Date.UTC(Number(year), MONTHS.indexOf(month), Number(day), Number(hour), Number(minute), Number(second))
  return wall - Math.floor(at.getTime() / 1000) * 1000
}

/**
 * The instant a UK day (YYYY-MM-DD) begins. The clocks change at 01:00 UTC, never at midnight, so every UK day
 * has exactly one midnight.
 */
export function startOfUkDay(isoDay: string): Date {
  const [year, month, day] = isoDay.split('-').map(Number)
  const utcMidnight = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)
  const guess = utcMidnight - londonOffset(new Date(utcMidnight))
  return new Date(utcMidnight - londonOffset(new Date(guess)))
}

/** The instant the UK day after this one begins: the end of a date range that includes the whole day. */
export function startOfNextUkDay(isoDay: string): Date {
  const next = new Date(`${isoDay}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return startOfUkDay(next.toISOString().slice(0, 10))
}
