import { and, desc, eq } from 'drizzle-orm'
import { recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { changeMemberships, membershipOf } from '#app/lib/org/memberships.server.ts'
import { roleProfileLabel, type RoleProfileId } from '#app/lib/org/role-profiles.ts'
import { type AdminActor, type AdminResult, assertAdmin } from './person-admin-result.ts'

// An administrator's choice of team or role profile for someone, where the staff list has it wrong or cannot
// say (a role profile is a judgement HR does not record). It is kept on the person, so staff imports keep it
// instead of HR's, and it applies from now: their membership moves at once, and past weeks stay as they were.

/**
 * Sets (or, with null, clears) the team and role profile an administrator chose for the person, and moves
 * them now. A cleared team goes back to the team of their primary post in the staff list; a cleared role
 * profile stays as it is until the next import works it out. Null when there is no such person.
 */
export async function setOverrides({
  actor,
  userId,
  teamId,
  roleProfile,
  at = new Date(),
}: {
  actor: AdminActor
  userId: string
  teamId: string | null
  roleProfile: RoleProfileId | null
  at?: Date
}): Promise<AdminResult | null> {
  assertAdmin(actor)
  const { users, orgUnits } = schema()
  const [person] = await db()
    .select({
      name: users.name,
      suspendedAt: users.suspendedAt,
      teamOverrideId: users.teamOverrideId,
      roleProfileOverride: users.roleProfileOverride,
    })
    .from(users)
    .where(eq(users.id, userId))
  if (!person) return null
  if (person.suspendedAt) {
    return { ok: false, problem: `${person.name} is suspended. Restore them before changing their team.` }
  }
  if (teamId) {
    const [team] = await db()
      .select({ kind: orgUnits.kind, closedAt: orgUnits.closedAt, name: orgUnits.name })
      .from(orgUnits)
      .where(eq(orgUnits.id, teamId))
    if (!team || team.kind !== 'team') return { ok: false, problem: 'Choose a team from the list' }
    if (team.closedAt) return { ok: false, problem: `${team.name} is closed. Choose a team that is open.` }
  }
  const unchanged = person.teamOverrideId === teamId && person.roleProfileOverride === roleProfile
  const cleared = teamId === null && roleProfile === null
  const done = cleared ? 'override-cleared' : 'override-set'
  if (unchanged) return { ok: true, done }

  return transaction(async () => {
    const before = await membershipOf({ userId })
    await db()
      .update(users)
      .set({ teamOverrideId: teamId, roleProfileOverride: roleProfile })
      .where(eq(users.id, userId))
    const staffListTeam = person.teamOverrideId && !teamId ? await primaryPostTeam({ userId }) : null
    const newTeam = teamId ?? staffListTeam ?? before?.teamId ?? null
    const newRole = roleProfile ?? before?.roleProfile ?? null
    // Someone in no team yet, with no role profile chosen, waits for the next import to place them.
    if (newTeam && newRole) {
      await changeMemberships([{ userId, teamId: newTeam, roleProfile: newRole, jobTitle: before?.jobTitle, at }])
    }
    const after = await membershipOf({ userId })
    await recordAudit({
      actor,
      at,
      entries: [
        {
          action: cleared ? 'person.override-cleared' : 'person.override-set',
          subjectType: 'person',
          subjectId: userId,
          subjectName: person.name,
          before: {
            team: before?.teamName ?? null,
            roleProfile: before ? roleProfileLabel(before.roleProfile) : null,
            teamSetByAdministrator: person.teamOverrideId !== null,
            roleProfileSetByAdministrator: person.roleProfileOverride !== null,
          },
          after: {
            team: after?.teamName ?? null,
            roleProfile: after ? roleProfileLabel(after.roleProfile) : null,
            teamSetByAdministrator: teamId !== null,
            roleProfileSetByAdministrator: roleProfile !== null,
          },
        },
      ],
    })
    return { ok: true, done } satisfies AdminResult
  })
}

/** The open team of the person's primary, active post in the staff list, if it names one. */
async function primaryPostTeam({ userId }: { userId: string }): Promise<string | null> {
  const { staffAssignments, orgUnits } = schema()
  const [row] = await db()
    .select({ teamId: orgUnits.id, closedAt: orgUnits.closedAt })
    .from(staffAssignments)
    .innerJoin(orgUnits, and(eq(orgUnits.id, staffAssignments.unitId), eq(orgUnits.kind, 'team')))
    .where(
      and(eq(staffAssignments.userId, userId), eq(staffAssignments.isPrimary, true), eq(staffAssignments.active, true)),
    )
    .orderBy(desc(staffAssignments.updatedAt))
    .limit(1)
  return row && !row.closedAt ? row.teamId : null
}
