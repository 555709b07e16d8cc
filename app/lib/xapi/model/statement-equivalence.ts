import { durationToHundredths } from './duration.ts'

// Two statements with the same id are "the same" (so a repeated PUT/POST is a harmless no-op) when they
// differ only in what the LRS sets itself. Anything else is a conflict (409).
const SET_BY_LRS = ['id', 'stored', 'authority', 'version'] as const

function canonical(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((inner) => [inner, canonical((value as Record<string, unknown>)[inner], inner)]),
    )
  }
  // Durations are the same to 0.01 s (Data 4.2.7).
  if (key === 'duration' && typeof value === 'string') {
    return durationToHundredths(value)
  }
  return value
}

export function isSameStatement(stored: Record<string, unknown>, incoming: Record<string, unknown>): boolean {
  const strip = (statement: Record<string, unknown>) => {
    const copy = { ...statement }
    for (const key of SET_BY_LRS) delete copy[key]
    delete copy.timestamp
    return JSON.stringify(canonical(copy))
  }
  // A statement sent without a timestamp got the LRS's; sending it again without one is still the same.
  const sameTime =
    incoming.timestamp === undefined || Date.parse(String(stored.timestamp)) === Date.parse(String(incoming.timestamp))
  return sameTime && strip(stored) === strip(incoming)
}
