import type { Framework } from '#app/lib/content/framework.schema.ts'
import { intersect, type ReadinessPeriod, type Span, union } from './readiness-periods.ts'

// How many of a team's people met their role target, in each domain and in every domain, over time: the
// team rollup that reports above team level add up (docs/decisions/007-team-rollups.md). The count is a
// step function of time; it is stored as the spans where it is above zero and does not change.

/** The domain id that stands for "in every domain at once". */
export const EVERY_DOMAIN = '*'

/** One period a person spent in the team (membership_history), with their readiness periods. */
export interface TeamMemberPeriods {
  roleProfile: string
  memberFrom: Date
  /** null: still in the team. */
  memberUntil: Date | null
  periods: Pick<ReadinessPeriod, 'domainId' | 'level' | 'readyFrom' | 'readyUntil'>[]
}

export interface TeamHeadcountSpan {
  countedFrom: Date
  countedUntil: Date | null
  people: number
}

const membershipSpan = (member: Pick<TeamMemberPeriods, 'memberFrom' | 'memberUntil'>): Span => [
  member.memberFrom.getTime(),
  member.memberUntil?.getTime() ?? Number.POSITIVE_INFINITY,
]

export interface TeamReadinessSpan {
  /** A domain id, or EVERY_DOMAIN. */
  domainId: string
  readyFrom: Date
  /** null: the count holds until something changes it. */
  readyUntil: Date | null
  ready: number
}

/**
 * The spans when each member was at their role target in a domain while in the team: their readiness
 * periods at exactly the target level (a period at level L means L or above) within their membership, and
 * the overlap of those across every domain. Someone whose role profile is not in the framework meets no target.
 */
function memberSpans(framework: Framework, member: TeamMemberPeriods): Map<string, Span[]> {
  const targets = framework.roleProfiles.find((profile) => profile.id === member.roleProfile)?.targets as
    Record<string, number> | undefined
  const byDomain = new Map<string, Span[]>()
  if (!targets) return byDomain
  let everyDomain: Span[] | null = null
  for (const domain of framework.domains) {
    const spans = intersect(
      union(
        member.periods
          .filter((period) => period.domainId === domain.id && period.level === targets[domain.id])
          .map((period): Span => [
            period.readyFrom.getTime(),
            period.readyUntil?.getTime() ?? Number.POSITIVE_INFINITY,
          ]),
      ),
      [membershipSpan(member)],
    )
    byDomain.set(domain.id, spans)
    everyDomain = everyDomain === null ? spans : intersect(everyDomain, spans)
  }
  byDomain.set(EVERY_DOMAIN, everyDomain ?? [])
  return byDomain
}

/** Sums spans into the stretches where the count stays the same (zero stretches left out). */
function countOverTime(spans: Span[]): { from: Date; until: Date | null; count: number }[] {
  const change = new Map<number, number>()
  for (const [start, end] of spans) {
    change.set(start, (change.get(start) ?? 0) + 1)
    if (Number.isFinite(end)) change.set(end, (change.get(end) ?? 0) - 1)
  }
  const moments = [...change.entries()].filter(([, delta]) => delta !== 0).sort((a, b) => a[0] - b[0])
  const result: { from: Date; until: Date | null; count: number }[] = []
  let count = 0
  moments.forEach(([moment, delta], index) => {
    count += delta
    const next = moments[index + 1]?.[0]
    if (count > 0) result.push({ from: new Date(moment), until: next === undefined ? null : new Date(next), count })
  })
  return result
}

/** How many people were in the team over time, from its members' periods. */
export function teamHeadcountOverTime(members: Pick<TeamMemberPeriods, 'memberFrom' | 'memberUntil'>[]) {
  return countOverTime(members.map(membershipSpan)).map(({ from, until, count }): TeamHeadcountSpan => ({
    countedFrom: from,
    countedUntil: until,
    people: count,
  }))
}

export function teamReadiness({
  framework,
  members,
}: {
  framework: Framework
  members: TeamMemberPeriods[]
}): TeamReadinessSpan[] {
  const spansByDomain = new Map<string, Span[]>()
  for (const member of members) {
    for (const [domainId, spans] of memberSpans(framework, member))
      spansByDomain.set(domainId, [...(spansByDomain.get(domainId) ?? []), ...spans])
  }
  return [...spansByDomain.entries()].flatMap(([domainId, spans]) =>
    countOverTime(spans).map(({ from, until, count }) => ({
      domainId,
      readyFrom: from,
      readyUntil: until,
      ready: count,
    })),
  )
}

/** Ready count of one domain (or EVERY_DOMAIN) at a moment, from a team's spans. */
export function readyAt(spans: TeamReadinessSpan[], domainId: string, at: Date): number {
  const time = at.getTime()
  return (
    spans.find(
      (span) =>
        span.domainId === domainId &&
        span.readyFrom.getTime() <= time &&
        (span.readyUntil === null || span.readyUntil.getTime() > time),
    )?.ready ?? 0
  )
}
