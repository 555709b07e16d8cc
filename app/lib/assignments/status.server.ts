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
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm'
import { alias, type PgColumn } from 'drizzle-orm/pg-core'
import type { VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import type { DomainId, Framework } from '#app/lib/content/framework.schema.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { refreshingSlugs } from './modules.server.ts'

// The status rules of assignments.server.ts, as SQL, so that a unit of any size is judged in a few queries
// (never one query per person). Everything here is evaluated at `now`.

/** Whose assignments a query judges: one person, some people, everyone in some teams, or everyone in a unit and below. */
export type People = { userId: string } | { userIds: string[] } | { teamIds: string[] } | { unitId: string }

/** As People, or one person named when the prepared query runs. */
type Judged = People | { userId: Placeholder }

/** A moment: a date, or one supplied when the prepared query runs. */
type Moment = Date | Placeholder

/** A role profile the framework does not know gets target 1 everywhere (as readiness.ts does); no team: clinical (as the learner's home does). */
const DEFAULT_ROLE_PROFILE = 'clinical'

/** The memberships rows of these people (by person, or by team so that the planner starts from the teams). */
function membershipsOf(people: Judged): SQL {
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

function isOneOf(people: Judged, userIdColumn: PgColumn): SQL {
  if ('userId' in people) return eq(userIdColumn, people.userId)
  if ('userIds' in people) return inArray(userIdColumn, people.userIds)
  const { memberships } = schema()
  return inArray(userIdColumn, db().select({ id: memberships.userId }).from(memberships).where(membershipsOf(people)))
}

/**
 * Every (assignment, person) pair in force: personal assignments, and unit assignments reaching everyone
 * whose team is the unit or below it (org_unit_closure). Cancelled assignments are left out.
 */
function coverage(people: Judged) {
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

/**
 * For each of these people, in how many of the framework's domains they are ready now at their role's target
 * level (people ready in none are missing). One grouped query for everyone asked about, rather than a test per
 * domain per assignment: cheaper to plan, and each person's readiness is looked at once.
 */
function readiness({ people, now, framework }: { people: Judged; now: Moment; framework: Framework }) {
  const { readinessPeriods: periods, memberships } = schema()
  const role = sql`coalesce(${memberships.roleProfile}, ${DEFAULT_ROLE_PROFILE})`
  const targetIn = (domainId: DomainId) =>
    sql`case ${role} ${sql.join(
      framework.roleProfiles.map(
        (profile) => sql`when ${profile.id} then ${sql.raw(String(Number(profile.targets[domainId])))}`,
      ),
      sql` `,
    )} else 1 end`
  const target = sql`case ${periods.domainId} ${sql.join(
    framework.domains.map((domain) => sql`when ${domain.id} then ${targetIn(domain.id)}`),
    sql` `,
  )} end`
  const current = and(
    sql`${periods.level} = ${target}`,
    lte(periods.readyFrom, now),
    or(isNull(periods.readyUntil), gt(periods.readyUntil, now)),
  )
  // A person's periods at one level never overlap (readiness-periods.ts merges them), so at a moment each
  // domain has at most one current period at the target level: counting rows counts domains.
  const readyDomains = sql<number>`count(*)`.as('ready_domains')
  if ('teamIds' in people || 'unitId' in people)
    return db()
      .select({ userId: periods.userId, readyDomains })
      .from(periods)
      .innerJoin(memberships, eq(memberships.userId, periods.userId))
      .where(and(membershipsOf(people), current))
      .groupBy(periods.userId)
      .as('ready')
  return db()
    .select({ userId: periods.userId, readyDomains })
    .from(periods)
    .leftJoin(memberships, eq(memberships.userId, periods.userId))
    .where(and(isOneOf(people, periods.userId), current))
    .groupBy(periods.userId)
    .as('ready')
}

type Ready = ReturnType<typeof readiness>

/** The rules as SQL expressions over `covered` joined to assignments, (left) memberships and (left) `ready`. */
function rules({
  covered,
  ready,
  now,
  framework,
  recurringSlugs,
}: {
  covered: Covered
  ready: Ready
  now: Moment
  framework: Framework
  recurringSlugs: string[]
}) {
  const { assignments, moduleAttempts, competencyEvidence: evidence } = schema()
  const userId = covered.userId as unknown as PgColumn
  const slug = assignments.moduleSlug
  const isRecurring = and(eq(assignments.recurs, true), inArray(slug, recurringSlugs)) as SQL

  // Done: a passed attempt at the module, or evidence from it. An imported course has no attempts: the
  // evidence its satisfied statement gives (only ever from the platform) is how it is done.
  const passed = or(
    exists(
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
    ),
    exists(
      db()
        .select({ one: sql`1` })
        .from(evidence)
        .where(and(eq(evidence.userId, userId), eq(evidence.moduleSlug, slug))),
    ),
  ) as SQL
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

  // A person's role targets are met when they are ready in every domain of the framework (readyDomains).
  const domainCount = framework.domains.length
  const readyDomains = sql`coalesce(${ready.readyDomains}, 0)`
  const allReady = sql`(${readyDomains} = ${sql.raw(String(domainCount))})`
  const domainsShort = sql`(${sql.raw(String(domainCount))} - ${readyDomains})`

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

/** What the rules need from the content: the framework's targets, and which modules' evidence expires. */
export interface StatusContent {
  framework: Framework
  recurringSlugs: string[]
}

function context<At extends Moment>(now: At, content?: StatusContent) {
  return { now, ...(content ?? { framework: frameworkForContent(), recurringSlugs: refreshingSlugs() }) }
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
  content,
}: {
  people: People
  now: Date
  overdueOnly?: boolean
  /** The content as the caller already read it (read here when not given). */
  content?: StatusContent
}): Promise<AssignmentStatusRow[]> {
  const rows =
    'userId' in people && !overdueOnly
      ? await onePersonsStatuses({ userId: people.userId, now, content })
      : await statusSelect({ people, overdueOnly, ...context(now, content) })
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

function statusSelect({
  people,
  overdueOnly,
  ...judging
}: {
  people: Judged
  overdueOnly: boolean
  now: Moment
  framework: Framework
  recurringSlugs: string[]
}) {
  const { assignments, memberships, competencyEvidence } = schema()
  const covered = coverage(people)
  const ready = readiness({ people, ...judging })
  const rule = rules({ covered, ready, ...judging })
  return db()
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
    .leftJoin(ready, eq(ready.userId, covered.userId))
    .where(overdueOnly ? rule.overdue : undefined)
}

type StatusQueryRow = Awaited<ReturnType<typeof statusSelect>>[number]

// One person's statuses are asked for on every home page and by every reminder email. The query is large
// (a test per domain of the framework), so planning it costs PostgreSQL several times what running it does:
// it is prepared once per database client (and per transaction), for the framework and modules of the moment,
// and run with the person and the time.
interface PreparedStatuses {
  framework: Framework
  recurringSlugs: string
  run: (values: { userId: string; now: unknown }) => Promise<StatusQueryRow[]>
}
const preparedFor = new WeakMap<object, PreparedStatuses>()

function onePersonsStatuses({
  userId,
  now,
  content,
}: {
  userId: string
  now: Date
  content?: StatusContent
}): Promise<StatusQueryRow[]> {
  const { framework, recurringSlugs } = context(now, content)
  const client = db()
  let prepared = preparedFor.get(client)
  if (prepared?.framework !== framework || prepared.recurringSlugs !== recurringSlugs.join()) {
    const query = statusSelect({
      people: { userId: sql.placeholder('userId') },
      overdueOnly: false,
      now: sql.placeholder('now'),
      framework,
      recurringSlugs,
    }).prepare('one_persons_assignment_statuses')
    prepared = { framework, recurringSlugs: recurringSlugs.join(), run: (values) => query.execute(values) }
    preparedFor.set(client, prepared)
  }
  // Placeholders skip the columns' own encoding: give the time as this dialect stores it.
  return prepared.run({ userId, now: schema().assignments.dueAt.mapToDriverValue(now) })
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
    const people = { userIds: userIds.slice(start, start + ID_CHUNK) }
    const covered = coverage(people)
    const judging = context(now)
    const ready = readiness({ people, ...judging })
    const rule = rules({ covered, ready, ...judging })
    const rows = await db()
      .select({ userId: covered.userId, overdue: count() })
      .from(covered)
      .innerJoin(assignments, eq(assignments.id, covered.assignmentId))
      .leftJoin(memberships, eq(memberships.userId, covered.userId))
      .leftJoin(ready, eq(ready.userId, covered.userId))
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
  const people = { unitId: unit.id }
  const covered = coverage(people)
  const judging = context(now)
  const ready = readiness({ people, ...judging })
  const rule = rules({ covered, ready, ...judging })
  const [row] = await db()
    .select({ overdue: count(), people: countDistinct(covered.userId) })
    .from(covered)
    .innerJoin(assignments, eq(assignments.id, covered.assignmentId))
    .leftJoin(memberships, eq(memberships.userId, covered.userId))
    .leftJoin(ready, eq(ready.userId, covered.userId))
    .where(rule.overdue)
  return { overdue: Number(row?.overdue ?? 0), people: Number(row?.people ?? 0) }
}
