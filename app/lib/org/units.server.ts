import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Viewer } from '#app/lib/auth/scope.server.ts'
import { canSeeUnit, visibleUnitCondition } from '#app/lib/auth/scope.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { membershipChanged } from './membership-effects.server.ts'
import type { RoleProfileId } from './role-profiles.ts'

export type OrgUnit = ReturnType<typeof schema>['orgUnits']['$inferSelect']
export type OrgUnitKind = OrgUnit['kind']

export const childKind: Record<OrgUnitKind, OrgUnitKind | null> = {
  icb: 'organisation',
  organisation: 'directorate',
  directorate: 'team',
  team: null,
}

/** Adds a unit under its parent and records it in the ancestor table that scoping reads. */
export async function createOrgUnit({
  code,
  name,
  kind,
  parentId = null,
}: {
  code: string
  name: string
  kind: OrgUnitKind
  parentId?: string | null
}): Promise<OrgUnit> {
  const { orgUnits, orgUnitClosure } = schema()
  return transaction(async (tx) => {
    if (parentId) {
      const [parent] = await tx.select().from(orgUnits).where(eq(orgUnits.id, parentId))
      if (!parent) throw new Error(`parent unit ${parentId} does not exist`)
      if (childKind[parent.kind] !== kind) throw new Error(`a ${kind} cannot sit under a ${parent.kind}`)
    } else if (kind !== 'icb') {
      throw new Error(`a ${kind} needs a parent unit`)
    }
    const [unit] = await tx.insert(orgUnits).values({ code, name, kind, parentId }).returning()
    if (!unit) throw new Error('insert returned no unit')
    const ancestors = parentId
      ? await tx
          .select({ ancestorId: orgUnitClosure.ancestorId, depth: orgUnitClosure.depth })
          .from(orgUnitClosure)
          .where(eq(orgUnitClosure.descendantId, parentId))
      : []
    await tx
      .insert(orgUnitClosure)
      .values([
        { ancestorId: unit.id, descendantId: unit.id, depth: 0 },
        ...ancestors.map((a) => ({ ancestorId: a.ancestorId, descendantId: unit.id, depth: a.depth + 1 })),
      ])
    return unit
  })
}

/** A unit the viewer may see, or null (callers answer 404 so hidden units stay unknown). */
export async function getVisibleUnit({ viewer, unitId }: { viewer: Viewer; unitId: string }) {
  if (!(await canSeeUnit({ viewer, unitId }))) return null
  const { orgUnits } = schema()
  const [unit] = await db().select().from(orgUnits).where(eq(orgUnits.id, unitId))
  return unit ?? null
}

/** The chain from the top of the tree down to the unit's parent, trimmed to what the viewer may see. */
export async function visibleAncestors({ viewer, unitId }: { viewer: Viewer; unitId: string }) {
  const { orgUnits, orgUnitClosure } = schema()
  const condition = visibleUnitCondition({ viewer, unitColumn: orgUnits.id })
  const base = and(eq(orgUnitClosure.descendantId, unitId), inArray(orgUnitClosure.depth, [1, 2, 3]))
  return db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnitClosure)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitClosure.ancestorId))
    .where(condition ? and(base, condition) : base)
    .orderBy(desc(orgUnitClosure.depth))
}

/** People in the teams joined below a unit: a sum of team headcounts (kept by setMembership), not a count of everyone. */
const peopleInTeams = (teamHeadcounts: ReturnType<typeof schema>['teamHeadcounts']) =>
  sql<number | string>`coalesce(sum(${teamHeadcounts.people}), 0)`

/** Units directly below this one with how many people are in each (teams and all below). */
export async function childUnitsWithHeadcount({ viewer, unitId }: { viewer: Viewer; unitId: string }) {
  const { orgUnits, orgUnitClosure, teamHeadcounts } = schema()
  const condition = visibleUnitCondition({ viewer, unitColumn: orgUnits.id })
  const base = eq(orgUnits.parentId, unitId)
  const rows = await db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, people: peopleInTeams(teamHeadcounts) })
    .from(orgUnits)
    .innerJoin(orgUnitClosure, eq(orgUnitClosure.ancestorId, orgUnits.id))
    .leftJoin(teamHeadcounts, eq(teamHeadcounts.teamId, orgUnitClosure.descendantId))
    .where(condition ? and(base, condition) : base)
    .groupBy(orgUnits.id, orgUnits.name, orgUnits.kind)
    .orderBy(asc(orgUnits.name))
  return rows.map((row) => ({ ...row, people: Number(row.people) }))
}

/** People whose primary team is this unit or below it, if the viewer may see the unit. */
export async function peopleInUnit({ viewer, unitId }: { viewer: Viewer; unitId: string }) {
  const { users, memberships, orgUnits, orgUnitClosure } = schema()
  const condition = visibleUnitCondition({ viewer, unitColumn: memberships.teamId })
  const base = eq(orgUnitClosure.ancestorId, unitId)
  return db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      roleProfile: memberships.roleProfile,
      jobTitle: memberships.jobTitle,
      teamId: orgUnits.id,
      teamName: orgUnits.name,
    })
    .from(orgUnitClosure)
    .innerJoin(memberships, eq(memberships.teamId, orgUnitClosure.descendantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, memberships.teamId))
    .where(condition ? and(base, condition) : base)
    .orderBy(asc(users.name))
}

/** The units a person manages, with headcounts, for their home page. */
export async function managedUnitsWithHeadcount({ viewer }: { viewer: Viewer }) {
  const { orgUnits, orgUnitClosure, teamHeadcounts, managerAssignments } = schema()
  const rows = await db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, people: peopleInTeams(teamHeadcounts) })
    .from(managerAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, managerAssignments.orgUnitId))
    .innerJoin(orgUnitClosure, eq(orgUnitClosure.ancestorId, orgUnits.id))
    .leftJoin(teamHeadcounts, eq(teamHeadcounts.teamId, orgUnitClosure.descendantId))
    .where(eq(managerAssignments.userId, viewer.id))
    .groupBy(orgUnits.id, orgUnits.name, orgUnits.kind)
    .orderBy(asc(orgUnits.name))
  return rows.map((row) => ({ ...row, people: Number(row.people) }))
}

export async function topLevelUnits() {
  const { orgUnits } = schema()
  return db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'icb'))
    .orderBy(asc(orgUnits.name))
}

export async function setMembership({
  userId,
  teamId,
  roleProfile,
  jobTitle = null,
}: {
  userId: string
  teamId: string
  roleProfile: RoleProfileId
  jobTitle?: string | null
}) {
  const { memberships, orgUnits } = schema()
  const [team] = await db().select({ kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.id, teamId))
  if (team?.kind !== 'team') throw new Error(`primary team ${teamId} is not a team`)
  await transaction(async (tx) => {
    await lockStatementWrites(tx)
    const previous = await db()
      .select({ teamId: memberships.teamId })
      .from(memberships)
      .where(eq(memberships.userId, userId))
    await db()
      .insert(memberships)
      .values({ userId, teamId, roleProfile, jobTitle })
      .onConflictDoUpdate({ target: memberships.userId, set: { teamId, roleProfile, jobTitle } })
    await membershipChanged.run({ userId, teamIds: [...previous.map((row) => row.teamId), teamId] })
  })
}

export async function assignManager({ userId, unitId }: { userId: string; unitId: string }) {
  const { managerAssignments } = schema()
  await db().insert(managerAssignments).values({ userId, orgUnitId: unitId }).onConflictDoNothing()
}

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
