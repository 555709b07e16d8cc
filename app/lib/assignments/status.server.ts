import {
  and,
  count,
  countDistinct,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  max,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import { alias, type PgColumn } from 'drizzle-orm/pg-core'
import type { VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { refreshingSlugs } from './modules.server.ts'

// The status rules of assignments.server.ts, as SQL, so that a unit of any size is judged in a few queries
// (never one query per person). Everything here is evaluated at `now`.

/** Whose assignments a query judges: one person, some people, everyone in some teams, or everyone in a unit and below. */
export type People = { userId: string } | { userIds: string[] } | { teamIds: string[] } | { unitId: string }

/** A role profile the framework does not know gets target 1 everywhere (as readiness.ts does); no team: clinical (as the learner's home does). */
const DEFAULT_ROLE_PROFILE = 'clinical'

/** The memberships rows of these people (by person, or by team so that the planner starts from the teams). */
function membershipsOf(people: People): SQL {
  const { memberships, orgUnitClosure } = schema()
  if ('userId' in people) return eq(memberships.userId, people.userId)
  if ('userIds' in people) return inArray(memberships.userId, people.userIds)
  if ('teamIds' in people) return inArray(memberships.teamId, people.teamIds)
  const below = alias(orgUnitClosure, 'unit_below')
  return inArray(
    memberships.teamId,
    db().select({ id: below.descendantId }).from(below).where(eq(below.ancestorId, people.unitId)),
  )
}

function isOneOf(people: People, userIdColumn: PgColumn): SQL {
  if ('userId' in people) return eq(userIdColumn, people.userId)
  if ('userIds' in people) return inArray(userIdColumn, people.userIds)
  const { memberships } = schema()
  return inArray(userIdColumn, db().select({ id: memberships.userId }).from(memberships).where(membershipsOf(people)))
}

/**
 * Every (assignment, person) pair in force: personal assignments, and unit assignments reaching everyone
 * whose team is the unit or below it (org_unit_closure). Cancelled assignments are left out.
 */
function coverage(people: People) {
  const { assignments, orgUnitClosure, memberships } = schema()
  const personal = db()
    .select({ assignmentId: assignments.id, userId: assignments.userId })
    .from(assignments)
    .where(and(isNull(assignments.cancelledAt), isNotNull(assignments.userId), isOneOf(people, assignments.userId)))
  const throughUnits = db()
    .select({ assignmentId: assignments.id, userId: memberships.userId })
    .from(memberships)
    .innerJoin(orgUnitClosure, eq(orgUnitClosure.descendantId, memberships.teamId))
    .innerJoin(assignments, eq(assignments.unitId, orgUnitClosure.ancestorId))
    .where(and(isNull(assignments.cancelledAt), membershipsOf(people)))
  return personal.unionAll(throughUnits).as('covered')
}

type Covered = ReturnType<typeof coverage>

/** The rules as SQL expressions over `covered` joined to assignments and (left) memberships. */
function rules({
  covered,
  now,
  framework,
  recurringSlugs,
}: {
  covered: Covered
  now: Date
  framework: Framework
  recurringSlugs: string[]
}) {
  const { assignments, moduleAttempts, competencyEvidence: evidence, readinessPeriods: periods, memberships } = schema()
  const userId = covered.userId as unknown as PgColumn
  const slug = assignments.moduleSlug
  const isRecurring = and(eq(assignments.recurs, true), inArray(slug, recurringSlugs)) as SQL

  const passed = exists(
    db()
      .select({ one: sql`1` })
      .from(moduleAttempts)
      .where(
        and(
          eq(moduleAttempts.userId, userId),
          eq(moduleAttempts.moduleSlug, slug),
          eq(moduleAttempts.status, 'passed'),
        ),
      ),
  )
  const expiringEvidence = (when: SQL) =>
    exists(
      db()
        .select({ one: sql`1` })
        .from(evidence)
        .where(and(eq(evidence.userId, userId), eq(evidence.moduleSlug, slug), isNotNull(evidence.expiresAt), when)),
    )
  const latestExpiry = db()
    .select({ latest: max(evidence.expiresAt) })
    .from(evidence)
    .where(and(eq(evidence.userId, userId), eq(evidence.moduleSlug, slug)))

  const role = sql`coalesce(${memberships.roleProfile}, ${DEFAULT_ROLE_PROFILE})`
  const readyIn = framework.domains.map((domain) => {
    const target = sql`case ${role} ${sql.join(
      framework.roleProfiles.map(
        (profile) => sql`when ${profile.id} then ${sql.raw(String(Number(profile.targets[domain.id])))}`,
      ),
      sql` `,
    )} else 1 end`
    return exists(
      db()
        .select({ one: sql`1` })
        .from(periods)
        .where(
          and(
            eq(periods.userId, userId),
            eq(periods.domainId, domain.id),
            sql`${periods.level} = ${target}`,
            lte(periods.readyFrom, now),
            or(isNull(periods.readyUntil), gt(periods.readyUntil, now)),
          ),
        ),
    )
  })
  const allReady = and(...readyIn) as SQL
  const domainsShort = sql.join(
    readyIn.map((ready) => sql`(case when ${ready} then 0 else 1 end)`),
    sql` + `,
  )

  return {
    isRecurring,
    done: sql`(case when ${slug} is null then ${allReady} when ${isRecurring} then ${expiringEvidence(
      gt(evidence.expiresAt, now),
    )} else ${passed} end)`,
    // Not done and now > the date it is due: dueAt, or for a recurring one max(dueAt, latest expiry).
    overdue: and(
      lt(assignments.dueAt, now),
      sql`(case when ${slug} is null then not ${allReady} when ${isRecurring} then not ${expiringEvidence(
        gte(evidence.expiresAt, now),
      )} else not ${passed} end)`,
    ) as SQL,
    latestExpiry,
    domainsShort,
  }
}

function context(now: Date) {
  return { now, framework: frameworkForContent(), recurringSlugs: refreshingSlugs() }
}

export interface AssignmentStatusRow {
  assignmentId: string
  userId: string
  /** null: everything the person's role targets need. */
  moduleSlug: string | null
  /** True only when the assignment recurs and its module's evidence expires. */
  recurring: boolean
  /** When it falls due: dueAt, or for a recurring one the later of dueAt and the latest expiry of the person's evidence from it. */
  dueAt: Date
  status: 'due' | 'overdue' | 'done'
  /** For a recurring module, when the person's current evidence from it lapses (null when none is current). */
  renewBy: Date | null
  /** For role targets: domains where the person is short of their role's target; null otherwise. */
  domainsShort: number | null
}

/** Each assignment in force for these people, with its status; `overdueOnly` leaves out the rest in SQL. */
export async function assignmentStatuses({
  people,
  now,
  overdueOnly = false,
}: {
  people: People
  now: Date
  overdueOnly?: boolean
}): Promise<AssignmentStatusRow[]> {
  const { assignments, memberships, competencyEvidence } = schema()
  const covered = coverage(people)
  const rule = rules({ covered, ...context(now) })
  const rows = await db()
    .select({
      assignmentId: assignments.id,
      userId: covered.userId,
      moduleSlug: assignments.moduleSlug,
      dueAt: assignments.dueAt,
      recurring: sql<number>`case when ${rule.isRecurring} then 1 else 0 end`.mapWith(Number),
      // Overdue rows are not done; and the select list is evaluated only for rows the filter keeps.
      done: (overdueOnly ? sql<number>`0` : sql<number>`case when ${rule.done} then 1 else 0 end`).mapWith(Number),
      latestExpiry: sql<Date | null>`case when ${rule.isRecurring} then ${rule.latestExpiry} else null end`.mapWith(
        competencyEvidence.expiresAt,
      ),
      domainsShort: sql<
        number | null
      >`case when ${assignments.moduleSlug} is null then ${rule.domainsShort} else null end`.mapWith(Number),
    })
    .from(covered)
    .innerJoin(assignments, eq(assignments.id, covered.assignmentId))
    .leftJoin(memberships, eq(memberships.userId, covered.userId))
    .where(overdueOnly ? rule.overdue : undefined)
  return rows.map((row) => {
    const recurring = row.recurring === 1
    const done = row.done === 1
    const latest = recurring ? row.latestExpiry : null
    const dueAt = latest && latest.getTime() > row.dueAt.getTime() ? latest : row.dueAt
    return {
      assignmentId: row.assignmentId,
      userId: row.userId as string, // never null: personal assignments without a person are left out
      moduleSlug: row.moduleSlug,
      recurring,
      dueAt,
      status: done ? 'done' : now.getTime() > dueAt.getTime() ? 'overdue' : 'due',
      renewBy: done && latest ? latest : null,
      domainsShort: row.moduleSlug === null ? row.domainsShort : null,
    }
  })
}

const ID_CHUNK = 500

/** How many overdue assignments each of these people has (people with none are left out). The caller scopes the ids. */
export async function overdueCountByPerson({
  userIds,
  now = new Date(),
}: {
  userIds: string[]
  now?: Date
}): Promise<Map<string, number>> {
  const { assignments, memberships } = schema()
  const counts = new Map<string, number>()
  for (let start = 0; start < userIds.length; start += ID_CHUNK) {
    const covered = coverage({ userIds: userIds.slice(start, start + ID_CHUNK) })
    const rule = rules({ covered, ...context(now) })
    const rows = await db()
      .select({ userId: covered.userId, overdue: count() })
      .from(covered)
      .innerJoin(assignments, eq(assignments.id, covered.assignmentId))
      .leftJoin(memberships, eq(memberships.userId, covered.userId))
      .where(rule.overdue)
      .groupBy(covered.userId)
    for (const row of rows) if (row.userId) counts.set(row.userId, Number(row.overdue))
  }
  return counts
}

/** Overdue work in a unit and below: how many overdue assignments, and how many people have any. One query. */
export async function overdueCountInUnit({
  unit,
  now = new Date(),
}: {
  unit: VisibleUnit
  now?: Date
}): Promise<{ overdue: number; people: number }> {
  const { assignments, memberships } = schema()
  const covered = coverage({ unitId: unit.id })
  const rule = rules({ covered, ...context(now) })
  const [row] = await db()
    .select({ overdue: count(), people: countDistinct(covered.userId) })
    .from(covered)
    .innerJoin(assignments, eq(assignments.id, covered.assignmentId))
    .leftJoin(memberships, eq(memberships.userId, covered.userId))
    .where(rule.overdue)
  return { overdue: Number(row?.overdue ?? 0), people: Number(row?.people ?? 0) }
}
