import type { Framework } from '#app/lib/content/framework.schema.ts'
import type { Evidence } from './readiness.ts'

// When was a learner at level L or above in a domain? At any moment, a competency's level is the highest
// level of its evidence achieved by then and not yet expired, and a domain's level is its weakest
// competency's (readiness.ts). So the domain is at L or above during the intersection, over its
// competencies, of the union of the periods of evidence at L or above. Reports store these periods
// (readiness_periods) and compare them with each person's role target at any date.

export interface DatedEvidence extends Evidence {
  achievedAt: Date
}

export interface ReadinessPeriod {
  domainId: string
  level: number
  readyFrom: Date
  /** null: nothing behind this period expires. */
  readyUntil: Date | null
}

/** [start, end) in epoch ms; end is Infinity while nothing expires. */
export type Span = [start: number, end: number]

export function union(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const merged: Span[] = []
  for (const span of sorted) {
    const last = merged.at(-1)
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1])
    else merged.push([span[0], span[1]])
  }
  return merged
}

export function intersect(a: Span[], b: Span[]): Span[] {
  const result: Span[] = []
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const [aStart, aEnd] = a[i] as Span
    const [bStart, bEnd] = b[j] as Span
    const start = Math.max(aStart, bStart)
    const end = Math.min(aEnd, bEnd)
    if (start < end) result.push([start, end])
    if (aEnd < bEnd) i++
    else j++
  }
  return result
}

export function readinessPeriods({
  framework,
  evidence,
}: {
  framework: Framework
  evidence: DatedEvidence[]
}): ReadinessPeriod[] {
  const periods: ReadinessPeriod[] = []
  const maxLevel = Math.max(...framework.levels.map((l) => l.level))
  for (const domain of framework.domains) {
    for (let level = 1; level <= maxLevel; level++) {
      let ready: Span[] | null = null
      for (const competency of domain.competencies) {
        const spans = union(
          evidence
            .filter((e) => e.competencyId === competency.id && e.level >= level)
            .map((e): Span => [e.achievedAt.getTime(), e.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY])
            .filter(([start, end]) => start < end),
        )
        ready = ready === null ? spans : intersect(ready, spans)
        if (ready.length === 0) break
      }
      if (!ready || ready.length === 0) break
      for (const [start, end] of ready) {
        periods.push({
          domainId: domain.id,
          level,
          readyFrom: new Date(start),
          readyUntil: Number.isFinite(end) ? new Date(end) : null,
        })
      }
    }
  }
  return periods
}
