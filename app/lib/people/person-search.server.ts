import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm'
import { z } from 'zod'
import { type Viewer, visibleUnitCondition } from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { containsText, startsWithText } from './text-match.server.ts'

// Finding a person from one search box: part of their name, the start of their email address, or their
// employee number exactly. A page at a time in name order, continued from the last name on the page (keyset),
// so the tenth page costs what the first does. No index: one would not help a "contains" match, and a LIKE
// scan of 80,000 people takes tens of milliseconds on either database.

export interface PersonFound {
  id: string
  name: string
  email: string | null
  teamName: string | null
  roleProfile: string | null
  jobTitle: string | null
  suspended: boolean
}

export interface PeoplePage {
  people: PersonFound[]
  /** Cursors for the pages after and before this one (opaque; null when there is none). */
  next: string | null
  previous: string | null
}

/** Where a page starts: the sort name and id of the person just before (after) or just after (before) it. */
type Cursor = [sortName: string, id: string]
const cursorSchema = z.tuple([z.string(), z.string()])

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

/** A cursor from the address bar; anything else reads as none (the first page). */
function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * People matching `query` whom the viewer may see: administrators see everyone, suspended people too (marked);
 * managers see the people whose current team is one they may see, never suspended people; learners see no
 * one. An empty query finds no one.
 */
export async function searchPeople({
  viewer,
  query,
  after,
  before,
  limit = 25,
}: {
  viewer: Viewer
  query: string
  after?: string | null
  before?: string | null
  limit?: number
}): Promise<PeoplePage> {
  const text = query.trim()
  if (text === '') return { people: [], next: null, previous: null }
  const { users, memberships } = schema()
  const sortName = sql<string>`lower(${users.name})`
  const matches = or(containsText(users.name, text), startsWithText(users.email, text), eq(users.employeeNumber, text))
  const backwards = !after && Boolean(before)
  const cursor = decodeCursor(backwards ? before : after)
  const fromCursor: SQL | undefined = cursor
    ? backwards
      ? sql`(${sortName}, ${users.id}) < (${cursor[0]}, ${cursor[1]})`
      : sql`(${sortName}, ${users.id}) > (${cursor[0]}, ${cursor[1]})`
    : undefined
  const order = backwards ? desc : asc
  const keys = { id: users.id, sortName }
  const where = and(matches, fromCursor)
  // The page's people first, as narrow rows (sorting every match costs less without their details), then
  // their details. Administrators search everyone. Anyone else searches from the memberships of the teams
  // they may see (visibleUnitCondition, the rule for every list of people), which also leaves out anyone in
  // no team, as suspended people are; a manager of a few teams reads only their people.
  const found = await (
    viewer.isAdmin
      ? db().select(keys).from(users).where(where)
      : db()
          .select(keys)
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(where, visibleUnitCondition({ viewer, unitColumn: memberships.teamId }), isNull(users.suspendedAt)),
          )
  )
    .orderBy(order(sortName), order(users.id))
    .limit(limit + 1)

  const more = found.length > limit
  const page = found.slice(0, limit)
  if (backwards) page.reverse()
  const details = new Map((await detailsOf(page.map((row) => row.id))).map((row) => [row.id, row]))
  const first = page[0]
  const last = page.at(-1)
  const cursorOf = (row: (typeof found)[number]) => encodeCursor([row.sortName, row.id])
  return {
    people: page.flatMap((row) => {
      const person = details.get(row.id)
      return person ? [person] : []
    }),
    next: last && (backwards ? cursor !== null : more) ? cursorOf(last) : null,
    previous: first && (backwards ? more : cursor !== null) ? cursorOf(first) : null,
  }
}

/** What the results show of each person: their team now, role profile and whether they are suspended. */
async function detailsOf(userIds: string[]): Promise<PersonFound[]> {
  if (userIds.length === 0) return []
  const { users, memberships, orgUnits } = schema()
  const rows = await db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      suspendedAt: users.suspendedAt,
      teamName: orgUnits.name,
      roleProfile: memberships.roleProfile,
      jobTitle: memberships.jobTitle,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(orgUnits, eq(orgUnits.id, memberships.teamId))
    .where(inArray(users.id, userIds))
  return rows.map(({ suspendedAt, roleProfile, ...row }) => ({
    ...row,
    roleProfile: roleProfile ? roleProfileLabel(roleProfile) : null,
    suspended: suspendedAt !== null,
  }))
}
