import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { membershipChanged } from './membership-effects.server.ts'
import type { RoleProfileId } from './role-profiles.ts'

// A person's team and role profile: `memberships` holds the current one, `membership_history` every period,
// so that figures for past weeks keep counting people where they were then. Every write goes through
// changeMemberships, which keeps the two in step and tells the team rollups which teams to recount.

export interface MembershipChange {
  userId: string
  /** null: the person leaves (suspended); their history stays. */
  teamId: string | null
  roleProfile: RoleProfileId | string
  jobTitle?: string | null
  /** When the change takes effect; history ends and starts here. */
  at: Date
}

/** Writes these changes (at most one per person) in one transaction; unchanged ones write nothing. */
export async function changeMemberships(changes: MembershipChange[]): Promise<{ changed: number }> {
  if (changes.length === 0) return { changed: 0 }
  const { memberships, membershipHistory, orgUnits } = schema()
  const teamIds = [...new Set(changes.flatMap((change) => (change.teamId ? [change.teamId] : [])))]
  const notTeams = new Set(teamIds)
  for (const part of chunks(teamIds, 500)) {
    const rows = await db()
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(inArray(orgUnits.id, part), eq(orgUnits.kind, 'team')))
    for (const row of rows) notTeams.delete(row.id)
  }
  if (notTeams.size > 0) throw new Error(`primary team ${[...notTeams][0]} is not a team`)

  return transaction(async (tx) => {
    await lockStatementWrites(tx)
    const current = new Map<string, { teamId: string; roleProfile: string; jobTitle: string | null }>()
    for (const part of chunks(
      changes.map((change) => change.userId),
      500,
    )) {
      const rows = await db()
        .select({
          userId: memberships.userId,
          teamId: memberships.teamId,
          roleProfile: memberships.roleProfile,
          jobTitle: memberships.jobTitle,
        })
        .from(memberships)
        .where(inArray(memberships.userId, part))
      for (const { userId, ...row } of rows) current.set(userId, row)
    }
    const touchedTeams = new Set<string>()
    const touchedPeople: string[] = []
    const leaving: string[] = []
    const staying: (typeof memberships.$inferInsert)[] = []
    const periodsToEnd = new Map<number, string[]>()
    const periodsToStart: (typeof membershipHistory.$inferInsert)[] = []
    for (const change of changes) {
      const before = current.get(change.userId)
      const jobTitle = change.jobTitle ?? null
      const sameTeamAndRole = before?.teamId === change.teamId && before?.roleProfile === change.roleProfile
      if (!before && change.teamId === null) continue
      if (sameTeamAndRole && before?.jobTitle === jobTitle) continue
      if (before) touchedTeams.add(before.teamId)
      if (change.teamId) touchedTeams.add(change.teamId)
      touchedPeople.push(change.userId)
      if (change.teamId === null) leaving.push(change.userId)
      else staying.push({ userId: change.userId, teamId: change.teamId, roleProfile: change.roleProfile, jobTitle })
      if (sameTeamAndRole) continue
      if (before)
        periodsToEnd.set(change.at.getTime(), [...(periodsToEnd.get(change.at.getTime()) ?? []), change.userId])
      if (change.teamId) {
        periodsToStart.push({
          userId: change.userId,
          teamId: change.teamId,
          roleProfile: change.roleProfile,
          startedAt: change.at,
        })
      }
    }
    for (const part of chunks(leaving, 500)) await db().delete(memberships).where(inArray(memberships.userId, part))
    for (const part of chunks(staying, 500)) {
      await db()
        .insert(memberships)
        .values(part)
        .onConflictDoUpdate({
          target: memberships.userId,
          set: {
            teamId: sql.raw('excluded.team_id'),
            roleProfile: sql.raw('excluded.role_profile'),
            jobTitle: sql.raw('excluded.job_title'),
          },
        })
    }
    for (const [at, userIds] of periodsToEnd) {
      for (const part of chunks(userIds, 500)) {
        await db()
          .update(membershipHistory)
          .set({ endedAt: new Date(at) })
          .where(and(inArray(membershipHistory.userId, part), isNull(membershipHistory.endedAt)))
      }
    }
    for (const part of chunks(periodsToStart, 500)) await db().insert(membershipHistory).values(part)
    if (touchedPeople.length > 0) await membershipChanged.run({ userIds: touchedPeople, teamIds: [...touchedTeams] })
    return { changed: touchedPeople.length }
  })
}

/** Puts a person in a team with a role profile from `at` (now by default). */
export async function setMembership({
  userId,
  teamId,
  roleProfile,
  jobTitle = null,
  at = new Date(),
}: {
  userId: string
  teamId: string
  roleProfile: RoleProfileId
  jobTitle?: string | null
  at?: Date
}) {
  await changeMemberships([{ userId, teamId, roleProfile, jobTitle, at }])
}

/** The person's current team, role profile and job title, or null (not in a team, or suspended). */
export async function membershipOf({ userId }: { userId: string }) {
  const { memberships, orgUnits } = schema()
  const [row] = await db()
    .select({
      roleProfile: memberships.roleProfile,
      jobTitle: memberships.jobTitle,
      teamId: orgUnits.id,
      teamName: orgUnits.name,
    })
    .from(memberships)
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
  return row ?? null
}

/** Every period the person spent in a team, latest first. */
export async function membershipHistoryOf({ userId }: { userId: string }) {
  const { membershipHistory, orgUnits } = schema()
  const rows = await db()
    .select({
      teamId: orgUnits.id,
      teamName: orgUnits.name,
      roleProfile: membershipHistory.roleProfile,
      startedAt: membershipHistory.startedAt,
      endedAt: membershipHistory.endedAt,
    })
    .from(membershipHistory)
    .innerJoin(orgUnits, eq(orgUnits.id, membershipHistory.teamId))
    .where(eq(membershipHistory.userId, userId))
  return rows.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
}

/** Gives a person manager rights over a unit (and everything below it). */
export async function assignManager({
  userId,
  unitId,
  source = 'admin',
}: {
  userId: string
  unitId: string
  source?: 'admin' | 'import'
}) {
  const { managerAssignments } = schema()
  await db().insert(managerAssignments).values({ userId, orgUnitId: unitId, source }).onConflictDoNothing()
}
