import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Viewer } from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { providerName } from '#app/lib/sso/providers.server.ts'

// People who can sign in but are in no team: most were added at their first single sign-on (where an
// organisation allows it) and wait for an administrator to place them; some were added by hand.

export const UNPLACED_LIST_LIMIT = 200

export async function unplacedPeople({ viewer }: { viewer: Viewer }) {
  if (!viewer.isAdmin) return null
  const { users, memberships, userIdentities } = schema()
  const rows = await db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      addedAt: users.createdAt,
      fromStaffList: users.organisationCode,
      provider: userIdentities.provider,
      linkedAt: userIdentities.createdAt,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(userIdentities, eq(userIdentities.userId, users.id))
    .where(and(isNull(memberships.userId), isNull(users.suspendedAt)))
    .orderBy(desc(users.createdAt), users.id)
    .limit(UNPLACED_LIST_LIMIT + 1)
  // A person with accounts at two providers comes back twice: keep the first.
  const seen = new Set<string>()
  const people = rows
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .map(({ provider, linkedAt, fromStaffList, ...row }) => ({
      ...row,
      addedBy: fromStaffList
        ? 'A staff import'
        : provider && linkedAt && Math.abs(linkedAt.getTime() - row.addedAt.getTime()) < 60_000
          ? `Their first sign-in with ${providerName(provider)}`
          : 'An administrator',
    }))
  return { people: people.slice(0, UNPLACED_LIST_LIMIT), more: people.length > UNPLACED_LIST_LIMIT }
}
