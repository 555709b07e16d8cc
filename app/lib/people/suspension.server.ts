import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { type AuditActor, recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { changeMemberships } from '#app/lib/org/memberships.server.ts'

// Suspending someone (a leaver, or an administrator's decision) stops them signing in, ends their sessions and
// takes them out of their team from that moment, so headcounts leave them out from then on; their statements,
// evidence and membership history stay. Restoring them puts them back in the team they were last in.

export type SuspendedBy = 'import' | 'admin'

/** Suspends these people (those already suspended are left as they are); returns who was suspended. */
export async function suspendPeople({
  userIds,
  by,
  actor,
  at = new Date(),
}: {
  userIds: string[]
  by: SuspendedBy
  actor: AuditActor
  at?: Date
}): Promise<string[]> {
  const { users, sessions } = schema()
  return transaction(async () => {
    const suspended: { id: string; name: string }[] = []
    for (const part of chunks(userIds, 500)) {
      suspended.push(
        ...(await db()
          .update(users)
          .set({ suspendedAt: at, suspendedBy: by })
          .where(and(inArray(users.id, part), isNull(users.suspendedAt)))
          .returning({ id: users.id, name: users.name })),
      )
    }
    const ids = suspended.map((person) => person.id)
    for (const part of chunks(ids, 500)) await db().delete(sessions).where(inArray(sessions.userId, part))
    await changeMemberships(ids.map((userId) => ({ userId, teamId: null, roleProfile: '', at })))
    await recordAudit({
      actor,
      at,
      entries: suspended.map((person) => ({
        action: 'person.suspended',
        subjectType: 'person',
        subjectId: person.id,
        subjectName: person.name,
        before: { status: 'active' },
        after: {
          status: 'suspended',
          reason: by === 'import' ? 'Not in the staff list' : 'Suspended by an administrator',
        },
      })),
    })
    return ids
  })
}

/**
 * Restores these people (those not suspended are left as they are) to the team and role profile of their
 * latest membership; an import then moves them if the staff list says otherwise. Returns who was restored.
 */
export async function revivePeople({
  userIds,
  actor,
  at = new Date(),
}: {
  userIds: string[]
  actor: AuditActor
  at?: Date
}): Promise<string[]> {
  const { users, membershipHistory } = schema()
  return transaction(async () => {
    const revived: { id: string; name: string }[] = []
    for (const part of chunks(userIds, 500)) {
      revived.push(
        ...(await db()
          .update(users)
          .set({ suspendedAt: null, suspendedBy: null })
          .where(and(inArray(users.id, part), isNotNull(users.suspendedAt)))
          .returning({ id: users.id, name: users.name })),
      )
    }
    const ids = revived.map((person) => person.id)
    const latest = new Map<string, { teamId: string; roleProfile: string }>()
    for (const part of chunks(ids, 500)) {
      const periods = await db()
        .select({
          userId: membershipHistory.userId,
          teamId: membershipHistory.teamId,
          roleProfile: membershipHistory.roleProfile,
        })
        .from(membershipHistory)
        .where(inArray(membershipHistory.userId, part))
        .orderBy(desc(membershipHistory.startedAt))
      for (const period of periods) if (!latest.has(period.userId)) latest.set(period.userId, period)
    }
    // Memberships' history has no job title: it comes back from their primary post in the staff list.
    const { staffAssignments } = schema()
    const jobTitles = new Map<string, string | null>()
    for (const part of chunks(ids, 500)) {
      const posts = await db()
        .select({ userId: staffAssignments.userId, positionTitle: staffAssignments.positionTitle })
        .from(staffAssignments)
        .where(and(inArray(staffAssignments.userId, part), eq(staffAssignments.isPrimary, true)))
      for (const post of posts) jobTitles.set(post.userId, post.positionTitle)
    }
    await changeMemberships(
      [...latest].map(([userId, { teamId, roleProfile }]) => ({
        userId,
        teamId,
        roleProfile,
        jobTitle: jobTitles.get(userId) ?? null,
        at,
      })),
    )
    await recordAudit({
      actor,
      at,
      entries: revived.map((person) => ({
        action: 'person.revived',
        subjectType: 'person',
        subjectId: person.id,
        subjectName: person.name,
        before: { status: 'suspended' },
        after: { status: 'active' },
      })),
    })
    return ids
  })
}

/** Whether the person is suspended, and why. */
export async function suspensionOf({ userId }: { userId: string }) {
  const { users } = schema()
  const [row] = await db()
    .select({ suspendedAt: users.suspendedAt, suspendedBy: users.suspendedBy })
    .from(users)
    .where(eq(users.id, userId))
  return row?.suspendedAt ? { since: row.suspendedAt, by: row.suspendedBy } : null
}
