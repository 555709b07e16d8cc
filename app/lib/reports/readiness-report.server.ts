import { and, asc, count, eq, exists, gt, inArray, isNull, lte, max, ne, or, type SQL, sql, sum } from 'drizzle-orm'
import type { VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import type { DomainId, Framework } from '#app/lib/content/framework.schema.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { ensureTeamRollups } from '#app/lib/learning/projections/team-rollups.server.ts'
import { domainReadiness } from '#app/lib/learning/readiness.ts'
import { EVERY_DOMAIN } from '#app/lib/learning/team-readiness.ts'
import type { OrgUnit } from '#app/lib/org/org-unit.ts'

// Readiness figures for a unit and everything below it. Counts of people (in the unit, self-assessed,
// meeting their role target now and in past weeks) add up the team rollups, which the projector and
// setMembership keep current (docs/decisions/007-team-rollups.md); expiring evidence and the people
// table read the learning projections directly. A person counts in the unit of their team; their role
// profile decides the target each domain is measured against. The trend counts each past week with the
// teams and role profiles people had then (membership history), so a move or a leaver does not rewrite it.

export const EXPIRY_WINDOW_DAYS = 30
/** Above team level, a figure from fewer people than this is not shown: it could identify someone. */
export const SMALL_NUMBER_THRESHOLD = 5

export interface UnitFigure {
  ready: number
  people: number
  /** null when suppressed (fewer than SMALL_NUMBER_THRESHOLD people) or when there is nobody. */
  percent: number | null
  suppressed: boolean
}

const percentOf = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 100))

export function unitFigure({
  ready,
  people,
  suppress,
}: {
  ready: number
  people: number
  suppress: boolean
}): UnitFigure {
  const suppressed = suppress && people > 0 && people < SMALL_NUMBER_THRESHOLD
  return { ready, people, percent: suppressed ? null : percentOf(ready, people), suppressed }
}

function coversMoment(at: Date): SQL {
  const { teamReadiness } = schema()
  return and(
    lte(teamReadiness.readyFrom, at),
    or(isNull(teamReadiness.readyUntil), gt(teamReadiness.readyUntil, at)),
  ) as SQL
}

/** Per unit: its people and how many have self-assessed, added up from its teams' rollups. */
async function teamTotals(unitIds: string[]): Promise<Map<string, { people: number; selfAssessed: number }>> {
  if (unitIds.length === 0) return new Map()
  await ensureTeamRollups()
  const { orgUnitClosure, teamHeadcounts } = schema()
  const rows = await db()
    .select({
      unitId: orgUnitClosure.ancestorId,
      people: sum(teamHeadcounts.people),
      selfAssessed: sum(teamHeadcounts.selfAssessed),
    })
    .from(orgUnitClosure)
    .innerJoin(teamHeadcounts, eq(teamHeadcounts.teamId, orgUnitClosure.descendantId))
    .where(inArray(orgUnitClosure.ancestorId, unitIds))
    .groupBy(orgUnitClosure.ancestorId)
  return new Map(
    rows.map((row) => [row.unitId, { people: Number(row.people ?? 0), selfAssessed: Number(row.selfAssessed ?? 0) }]),
  )
}

/** How many people are in each of these units (their teams and everything below). */
async function headcounts(unitIds: string[]): Promise<Map<string, number>> {
  const totals = await teamTotals(unitIds)
  return new Map([...totals].map(([unitId, { people }]) => [unitId, people]))
}

/** How many people are in the unit (its teams and everything below). */
export async function unitHeadcount({ unit }: { unit: VisibleUnit }): Promise<number> {
  return (await headcounts([unit.id])).get(unit.id) ?? 0
}

/** Per unit: how many people meet their role target in each domain at `at`, and in all of them. */
async function readyCounts({ unitIds, at }: { unitIds: string[]; at: Date }) {
  const result = new Map<string, { byDomain: Map<string, number>; inEveryDomain: number }>()
  if (unitIds.length === 0) return result
  await ensureTeamRollups()
  const { orgUnitClosure, teamReadiness } = schema()
  // A few rows per team (one per domain whose count is above zero at `at`), whatever the teams' size.
  const rows = await db()
    .select({ unitId: orgUnitClosure.ancestorId, domainId: teamReadiness.domainId, ready: sum(teamReadiness.ready) })
    .from(orgUnitClosure)
    .innerJoin(teamReadiness, eq(teamReadiness.teamId, orgUnitClosure.descendantId))
    .where(and(inArray(orgUnitClosure.ancestorId, unitIds), coversMoment(at)))
    .groupBy(orgUnitClosure.ancestorId, teamReadiness.domainId)
  for (const unitId of unitIds) result.set(unitId, { byDomain: new Map(), inEveryDomain: 0 })
  for (const row of rows) {
    const entry = result.get(row.unitId)
    const ready = Number(row.ready ?? 0)
    if (!entry) continue
    if (row.domainId === EVERY_DOMAIN) entry.inEveryDomain = ready
    else entry.byDomain.set(row.domainId, ready)
  }
  return result
}

/** The headline figures for a unit. */
export async function unitHeadline({ unit, now = new Date() }: { unit: VisibleUnit; now?: Date }) {
  const { orgUnitClosure, memberships, competencyEvidence } = schema()
  const lapsing = and(
    expiresBetween(now, new Date(now.getTime() + EXPIRY_WINDOW_DAYS * DAY_MS)),
    notCoveredByOtherEvidence(),
  )
  const [totals, ready, expiring] = await Promise.all([
    teamTotals([unit.id]).then((map) => map.get(unit.id) ?? { people: 0, selfAssessed: 0 }),
    readyCounts({ unitIds: [unit.id], at: now }).then((map) => map.get(unit.id)?.inEveryDomain ?? 0),
    // A team's few people: look at each one's evidence. Above a team: start from the evidence lapsing in
    // the window (an index range, a few thousand rows across an ICB) rather than from everyone's evidence.
    db()
      .select({ n: count() })
      .from(orgUnitClosure)
      .innerJoin(
        memberships,
        and(eq(orgUnitClosure.ancestorId, unit.id), eq(memberships.teamId, orgUnitClosure.descendantId)),
      )
      .where(
        unit.kind === 'team'
          ? exists(
              db()
                .select({ one: sql`1` })
                .from(competencyEvidence)
                .where(and(eq(competencyEvidence.userId, memberships.userId), lapsing)),
            )
          : inArray(
              memberships.userId,
              db().select({ userId: competencyEvidence.userId }).from(competencyEvidence).where(lapsing),
            ),
      )
      .then(([row]) => Number(row?.n ?? 0)),
  ])
  const { people } = totals
  const suppress = unit.kind !== 'team'
  return {
    people,
    selfAssessed: unitFigure({ ready: totals.selfAssessed, people, suppress }),
    readyInEveryDomain: unitFigure({ ready, people, suppress }),
    /** People holding evidence that lapses within 30 days with nothing else covering it. */
    peopleWithEvidenceExpiring: expiring,
  }
}

/** These people's evidence that lapses within 30 days of `now` with nothing else covering it (for reminders). */
export async function lapsingEvidenceOf({ userIds, now }: { userIds: string[]; now: Date }) {
  if (userIds.length === 0) return []
  const { competencyEvidence } = schema()
  return db()
    .select({
      userId: competencyEvidence.userId,
      competencyId: competencyEvidence.competencyId,
      expiresAt: sql<Date>`min(${competencyEvidence.expiresAt})`.mapWith(competencyEvidence.expiresAt),
    })
    .from(competencyEvidence)
    .where(
      and(
        inArray(competencyEvidence.userId, userIds),
        expiresBetween(now, new Date(now.getTime() + EXPIRY_WINDOW_DAYS * DAY_MS)),
        notCoveredByOtherEvidence(),
      ),
    )
    .groupBy(competencyEvidence.userId, competencyEvidence.competencyId)
}

function expiresBetween(from: Date, to: Date): SQL {
  const { competencyEvidence } = schema()
  return and(gt(competencyEvidence.expiresAt, from), lte(competencyEvidence.expiresAt, to)) as SQL
}

/** Evidence nothing else outlasts at the same level or higher (see expiringSoon in readiness.ts). */
function notCoveredByOtherEvidence(): SQL {
  const { competencyEvidence } = schema()
  const other = sql`other_evidence`
  return sql`not exists (select 1 from ${competencyEvidence} ${other} where ${other}.user_id = ${competencyEvidence.userId}
    and ${other}.competency_id = ${competencyEvidence.competencyId} and ${other}.level >= ${competencyEvidence.level}
    and ${other}.id <> ${competencyEvidence.id}
    and (${other}.expires_at is null or ${other}.expires_at > ${competencyEvidence.expiresAt}))`
}

export interface HeatmapRow {
  unit: Pick<OrgUnit, 'id' | 'name' | 'kind'>
  people: number
  cells: { domainId: DomainId; figure: UnitFigure }[]
  readyInEveryDomain: UnitFigure
}

/** Units directly below `unit` × domains: the % of their people meeting their role target, suppressed when few. */
export async function unitHeatmap({
  unit,
  now = new Date(),
}: {
  unit: VisibleUnit
  now?: Date
}): Promise<HeatmapRow[]> {
  const { orgUnits } = schema()
  const children = await db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.parentId, unit.id))
    .orderBy(asc(orgUnits.name))
  return heatmapRows({ units: children, now })
}

/** Several units side by side (the units a manager looks after) × domains, suppressed when few. */
export async function unitsHeatmap({ units, now = new Date() }: { units: VisibleUnit[]; now?: Date }) {
  return heatmapRows({ units, now })
}

/** Any units × domains (a visible unit's children, or visible units), suppressed when few. */
async function heatmapRows({ units, now }: { units: HeatmapRow['unit'][]; now: Date }): Promise<HeatmapRow[]> {
  const framework = frameworkForContent()
  const ids = units.map((unit) => unit.id)
  const [people, ready] = await Promise.all([headcounts(ids), readyCounts({ unitIds: ids, at: now })])
  return units.map((unit) => {
    const headcount = people.get(unit.id) ?? 0
    const counts = ready.get(unit.id)
    return {
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      people: headcount,
      cells: framework.domains.map((domain) => ({
        domainId: domain.id,
        figure: unitFigure({ ready: counts?.byDomain.get(domain.id) ?? 0, people: headcount, suppress: true }),
      })),
      readyInEveryDomain: unitFigure({ ready: counts?.inEveryDomain ?? 0, people: headcount, suppress: true }),
    }
  })
}

export interface TrendPoint {
  weekEnding: Date
  /** % of the unit's people meeting their role target in each domain at the end of that week. */
  percentByDomain: Record<string, number | null>
}

/** The % ready per domain at the end of each of the last `weeks` weeks (the last point is now). */
export async function unitTrend({
  unit,
  now = new Date(),
  weeks = 12,
}: {
  unit: VisibleUnit
  now?: Date
  weeks?: number
}): Promise<TrendPoint[]> {
  const { orgUnitClosure, teamReadiness, teamHeadcountSpans } = schema()
  const framework = frameworkForContent()
  const moments = Array.from(
    { length: weeks },
    (_, index) => new Date(now.getTime() - (weeks - 1 - index) * 7 * DAY_MS),
  )
  const first = moments[0] as Date
  const readySums = Object.fromEntries(
    moments.map((moment, index) => [
      `w${index}`,
      sql<number>`sum(case when ${coversMoment(moment)} then ${teamReadiness.ready} else 0 end)`,
    ]),
  )
  const peopleSums = Object.fromEntries(
    moments.map((moment, index) => [
      `w${index}`,
      sql<number>`sum(case when ${lte(teamHeadcountSpans.countedFrom, moment)} and (${isNull(teamHeadcountSpans.countedUntil)} or ${gt(teamHeadcountSpans.countedUntil, moment)}) then ${teamHeadcountSpans.people} else 0 end)`,
    ]),
  )
  await ensureTeamRollups()
  const [peopleRows, rows] = await Promise.all([
    db()
      .select(peopleSums)
      .from(orgUnitClosure)
      .innerJoin(teamHeadcountSpans, eq(teamHeadcountSpans.teamId, orgUnitClosure.descendantId))
      .where(
        and(
          eq(orgUnitClosure.ancestorId, unit.id),
          lte(teamHeadcountSpans.countedFrom, now),
          or(isNull(teamHeadcountSpans.countedUntil), gt(teamHeadcountSpans.countedUntil, first)),
        ),
      ),
    db()
      .select({ domainId: teamReadiness.domainId, ...readySums })
      .from(orgUnitClosure)
      .innerJoin(teamReadiness, eq(teamReadiness.teamId, orgUnitClosure.descendantId))
      .where(
        and(
          eq(orgUnitClosure.ancestorId, unit.id),
          ne(teamReadiness.domainId, EVERY_DOMAIN),
          lte(teamReadiness.readyFrom, now),
          or(isNull(teamReadiness.readyUntil), gt(teamReadiness.readyUntil, first)),
        ),
      )
      .groupBy(teamReadiness.domainId),
  ])
  const peopleThen = (peopleRows[0] ?? {}) as Record<string, unknown>
  const byDomain = new Map(rows.map((row) => [row.domainId, row as Record<string, unknown>]))
  return moments.map((moment, index) => {
    const people = Number(peopleThen[`w${index}`] ?? 0)
    const suppress = unit.kind !== 'team' && people < SMALL_NUMBER_THRESHOLD
    return {
      weekEnding: moment,
      percentByDomain: Object.fromEntries(
        framework.domains.map((domain) => [
          domain.id,
          suppress ? null : percentOf(Number(byDomain.get(domain.id)?.[`w${index}`] ?? 0), people),
        ]),
      ),
    }
  })
}

/** One team's people: level per domain against their target, and when they last did anything. */
export async function teamPeople({ unit, now = new Date() }: { unit: VisibleUnit; now?: Date }) {
  const { users, memberships } = schema()
  const people = await db()
    .select({ id: users.id, name: users.name, roleProfile: memberships.roleProfile, jobTitle: memberships.jobTitle })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.teamId, unit.id))
    .orderBy(asc(users.name), asc(users.id))
  return readinessOfPeople({ people, now })
}

export type PersonReadiness<P> = P & {
  domains: { domainId: DomainId; level: number; target: number; ready: boolean }[]
  readyInEveryDomain: boolean
  lastActivity: Date | null
}

/**
 * A page of people (a team, or one page of a larger export): each one's level per domain against their
 * role target, whether they are ready in every domain, and when they last did anything. Three queries
 * for the whole page, whatever its size; the order of `people` is kept.
 */
export async function readinessOfPeople<P extends { id: string; roleProfile: string }>({
  people,
  now = new Date(),
  framework = frameworkForContent(),
}: {
  people: P[]
  now?: Date
  framework?: Framework
}): Promise<PersonReadiness<P>[]> {
  const { competencyEvidence, moduleAttempts, selfRatings } = schema()
  const ids = people.map((person) => person.id)
  if (ids.length === 0) return []
  const [evidence, attempts, ratings] = await Promise.all([
    db().select().from(competencyEvidence).where(inArray(competencyEvidence.userId, ids)),
    db()
      .select({ userId: moduleAttempts.userId, last: max(moduleAttempts.updatedAt) })
      .from(moduleAttempts)
      .where(inArray(moduleAttempts.userId, ids))
      .groupBy(moduleAttempts.userId),
    db()
      .select({ userId: selfRatings.userId, last: max(selfRatings.ratedAt) })
      .from(selfRatings)
      .where(inArray(selfRatings.userId, ids))
      .groupBy(selfRatings.userId),
  ])
  const latest = new Map<string, Date>()
  for (const row of [...attempts, ...ratings]) {
    const when = row.last ? new Date(row.last) : null
    const previous = latest.get(row.userId)
    if (when && (!previous || when > previous)) latest.set(row.userId, when)
  }
  const evidenceByPerson = new Map<string, (typeof evidence)[number][]>()
  for (const item of evidence) evidenceByPerson.set(item.userId, [...(evidenceByPerson.get(item.userId) ?? []), item])
  return people.map((person) => {
    const readiness = domainReadiness({
      framework,
      roleProfile: person.roleProfile,
      evidence: evidenceByPerson.get(person.id) ?? [],
      now,
    })
    return {
      ...person,
      domains: readiness.map(({ domainId, level, target, ready }) => ({ domainId, level, target, ready })),
      readyInEveryDomain: readiness.every((domain) => domain.ready),
      lastActivity: latest.get(person.id) ?? null,
    }
  })
}
