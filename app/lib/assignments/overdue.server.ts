import { and, asc, count, eq, inArray, ne, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { ROLE_TARGETS_TITLE } from './assignment-options.ts'
import { isoDay } from '#app/lib/dates/dates.ts'
import { daysOverdue } from './due-dates.ts'
import { learningCatalogue } from './modules.server.ts'
import { assignmentStatuses, type AssignmentStatusRow } from './status.server.ts'

// The overdue work list of a unit, in report order: team (name, id), then person (name, id), then due date.
// The unit's teams are read once (a few thousand at most, even for an ICB); their people are then taken a
// few teams at a time and each group's overdue work is judged in one query that starts from those teams.
// So a unit of 80,000 people is listed, or streamed as CSV, in bounded memory and without a query per
// person. A page ends after a whole person; its cursor names that person (team name and id, name, id).

export interface OverdueRow {
  assignmentId: string
  userId: string
  person: string
  teamId: string
  team: string
  what: string
  /** YYYY-MM-DD: the date it fell due (for recurring work, when the evidence expired if that was later). */
  dueDate: string
  daysOverdue: number
}

type PersonKey = [teamName: string, teamId: string, name: string, userId: string]
const personKeySchema = z.tuple([z.string(), z.string(), z.string(), z.string()])

export function encodeCursor(key: PersonKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')
}

/** The person a page starts after, or null for the first page (or a cursor that is not one of ours). */
export function decodeCursor(cursor: string | null | undefined): PersonKey | null {
  if (!cursor) return null
  try {
    const parsed = personKeySchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Teams in the unit (itself included) that have people, in report order, from the cursor's team on. */
async function teamsOf({ unit, after }: { unit: VisibleUnit; after: PersonKey | null }) {
  const { orgUnits, orgUnitClosure, memberships } = schema()
  const rows = await db()
    .select({ id: orgUnits.id, name: orgUnits.name, people: count() })
    .from(orgUnitClosure)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitClosure.descendantId))
    .innerJoin(memberships, eq(memberships.teamId, orgUnits.id))
    .where(
      and(
        eq(orgUnitClosure.ancestorId, unit.id),
        after ? sql`(${orgUnits.name}, ${orgUnits.id}) >= (${after[0]}, ${after[1]})` : undefined,
      ),
    )
    .groupBy(orgUnits.id, orgUnits.name)
    .orderBy(asc(orgUnits.name), asc(orgUnits.id))
  return rows.map((row) => ({ ...row, people: Number(row.people) }))
}

/** The people of some teams in report order, leaving out those up to the cursor. */
async function peopleOf({ teamIds, after }: { teamIds: string[]; after: PersonKey | null }) {
  const { users, memberships, orgUnits } = schema()
  return db()
    .select({ userId: users.id, person: users.name, teamId: orgUnits.id, team: orgUnits.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.teamId))
    .where(
      and(
        inArray(memberships.teamId, teamIds),
        after
          ? or(ne(memberships.teamId, after[1]), sql`(${users.name}, ${users.id}) > (${after[2]}, ${after[3]})`)
          : undefined,
      ),
    )
    .orderBy(asc(orgUnits.name), asc(orgUnits.id), asc(users.name), asc(users.id))
}

type Person = Awaited<ReturnType<typeof peopleOf>>[number]

/** Groups of people, a few teams at a time (about `peoplePerGroup`; a bigger team is a group of its own), each with its overdue work. */
async function* overdueByGroup({
  unit,
  now,
  after,
  peoplePerGroup,
}: {
  unit: VisibleUnit
  now: Date
  after: PersonKey | null
  peoplePerGroup: number
}) {
  const teams = await teamsOf({ unit, after })
  for (let next = 0; next < teams.length;) {
    const group = [teams[next++] as (typeof teams)[number]]
    let people = group[0]?.people ?? 0
    while (next < teams.length && people + (teams[next]?.people ?? 0) <= peoplePerGroup) {
      const team = teams[next++] as (typeof teams)[number]
      group.push(team)
      people += team.people
    }
    const teamIds = group.map((team) => team.id)
    const [members, statuses] = await Promise.all([
      peopleOf({ teamIds, after: after && teamIds.includes(after[1]) ? after : null }),
      assignmentStatuses({ people: { teamIds }, now, overdueOnly: true }),
    ])
    const byPerson = new Map<string, AssignmentStatusRow[]>()
    for (const status of statuses) {
      const own = byPerson.get(status.userId)
      if (own) own.push(status)
      else byPerson.set(status.userId, [status])
    }
    yield { members, byPerson, last: next >= teams.length }
  }
}

function rowsOf(person: Person, statuses: AssignmentStatusRow[], now: Date, titles: Map<string, string>): OverdueRow[] {
  return statuses
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.assignmentId.localeCompare(b.assignmentId))
    .map((status) => ({
      ...person,
      assignmentId: status.assignmentId,
      what:
        status.moduleSlug === null
          ? `${ROLE_TARGETS_TITLE} (${shortBy(status.domainsShort ?? 0)})`
          : (titles.get(status.moduleSlug) ?? status.moduleSlug),
      dueDate: isoDay(status.dueAt),
      daysOverdue: daysOverdue(status.dueAt, now),
    }))
}

function shortBy(domains: number): string {
  return `${domains} ${domains === 1 ? 'domain' : 'domains'} short`
}

const titlesBySlug = async () => new Map((await learningCatalogue()).map((module) => [module.slug, module.title]))

/**
 * One page of the unit's overdue work: at least `limit` rows unless the list ends first (a page holds
 * whole people). `next` is the cursor of the following page, or null at the end (rarely, the next page
 * turns out empty: its people are not judged until it is asked for).
 */
export async function overdueWork({
  unit,
  now = new Date(),
  after = null,
  limit = 100,
  peoplePerGroup = 250,
}: {
  unit: VisibleUnit
  now?: Date
  after?: string | null
  limit?: number
  peoplePerGroup?: number
}): Promise<{ rows: OverdueRow[]; next: string | null }> {
  const titles = await titlesBySlug()
  const rows: OverdueRow[] = []
  for await (const { members, byPerson, last } of overdueByGroup({
    unit,
    now,
    after: decodeCursor(after),
    peoplePerGroup,
  })) {
    for (const [index, person] of members.entries()) {
      rows.push(...rowsOf(person, byPerson.get(person.userId) ?? [], now, titles))
      if (rows.length >= limit) {
        const more = !last || members.slice(index + 1).some((other) => byPerson.has(other.userId))
        return { rows, next: more ? encodeCursor([person.team, person.teamId, person.person, person.userId]) : null }
      }
    }
  }
  return { rows, next: null }
}

/** Every overdue row of the unit, in the page's order, a group of teams at a time: for streaming a CSV. */
export async function* eachOverdueRow({
  unit,
  now = new Date(),
  peoplePerGroup = 2000,
}: {
  unit: VisibleUnit
  now?: Date
  peoplePerGroup?: number
}) {
  const titles = await titlesBySlug()
  for await (const { members, byPerson } of overdueByGroup({ unit, now, after: null, peoplePerGroup })) {
    for (const person of members) {
      const own = byPerson.get(person.userId)
      if (own) yield* rowsOf(person, own, now, titles)
    }
  }
}

/** A row as the page and the CSV show it, in OVERDUE_COLUMNS order (assignment-options.ts). */
export function overdueCells(row: OverdueRow): [string, string, string, string, number] {
  return [row.person, row.team, row.what, row.dueDate, row.daysOverdue]
}
