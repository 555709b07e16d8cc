// result.duration must use the ISO 8601:2004 "format with designators" (4.4.3.2), e.g. PT4H35M59.14S; the
// alternative point-in-time-like format (P0003-01-29T04:35:59) is not allowed (xAPI Data 4.6).

const NUMBER = String.raw`\d+(?:[.,]\d+)?`
// Years, months, days, then (after T) hours, minutes, seconds; every component is optional.
const WITH_DESIGNATORS = new RegExp(
  String.raw`^P(?:(${NUMBER})Y)?(?:(${NUMBER})M)?(?:(${NUMBER})D)?(?:T(?:(${NUMBER})H)?(?:(${NUMBER})M)?(?:(${NUMBER})S)?)?$`,
)
// Weeks stand alone: "P4W" is valid, "P4W1D" is not.
const WEEKS = new RegExp(String.raw`^P${NUMBER}W$`)

export function isIsoDuration(value: unknown): value is string {
  if (typeof value !== 'string') return false
  if (WEEKS.test(value)) return true
  const match = WITH_DESIGNATORS.exec(value)
  if (!match) return false
  const components = match.slice(1).filter((component): component is string => component !== undefined)
  // "P" alone says nothing, and a "T" must be followed by at least one time component.
  if (components.length === 0 || value.endsWith('T')) return false
  // ISO 8601 allows a decimal fraction only on the smallest component given.
  return components.slice(0, -1).every((component) => /^\d+$/.test(component))
}

/** Durations are compared to 0.01 s (Data 4.2.7): `PT1.23456S` and `PT1.23S` are the same. */
export function durationToHundredths(duration: string): string {
  return duration.replace(/(\d+)\.(\d+)S$/, (_match, whole: string, fraction: string) => {
    const kept = fraction.slice(0, 2).replace(/0+$/, '')
    return kept ? `${whole}.${kept}S` : `${whole}S`
  })
}
