import { and, asc, desc, eq } from 'drizzle-orm'
import { type Viewer, visibleUnit } from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { membershipHistoryOf, membershipOf } from '#app/lib/org/memberships.server.ts'
import { kindLabel } from '#app/lib/org/org-unit.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { visibleAncestors } from '#app/lib/org/units.server.ts'

// Everything an administrator needs to look after one person: who they are in HR's records, whether they can
// sign in, where they sit now and have sat before, the posts the staff list gives them, and their rights.

const suspensionReasons = {
  import: 'Not in their organisation’s staff list',
  admin: 'Suspended by an administrator',
} as const

/** The person as an administrator sees them, or null when there is no such person (or the viewer is no admin). */
export async function personForAdmin({ viewer, userId }: { viewer: Viewer; userId: string }) {
  if (!viewer.isAdmin) return null
  const { users } = schema()
  const [user] = await db().select().from(users).where(eq(users.id, userId))
  if (!user) return null
  const [team, history, posts, managerOf, organisationName, suspendedByName, teamOverrideName] = await Promise.all([
    currentTeam({ viewer, userId }),
    membershipHistoryOf({ userId }),
    hrPostsOf({ userId }),
    managerRightsOf({ userId }),
    user.organisationCode ? organisationNamed({ code: user.organisationCode }) : null,
    user.suspendedAt ? whoSuspended({ userId }) : null,
    user.teamOverrideId ? unitName({ unitId: user.teamOverrideId }) : null,
  ])
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    employeeNumber: user.employeeNumber,
    /** The organisation the employee number belongs to, by name; null where the tree does not have it. */
    employer: organisationName,
    status: user.suspendedAt
      ? {
          suspended: true as const,
          since: user.suspendedAt,
          reason: suspensionReasons[user.suspendedBy ?? 'admin'],
          by: suspendedByName,
        }
      : { suspended: false as const },
    lastSignInAt: user.lastSignInAt,
    team,
    overrides: {
      team: teamOverrideName,
      roleProfile: user.roleProfileOverride ? roleProfileLabel(user.roleProfileOverride) : null,
      teamId: user.teamOverrideId,
      roleProfileId: user.roleProfileOverride,
    },
    history: history.map((period) => ({ ...period, roleProfile: roleProfileLabel(period.roleProfile) })),
    posts,
    rights: { isAdmin: user.isAdmin, managerOf },
  }
}

export type PersonForAdmin = NonNullable<Awaited<ReturnType<typeof personForAdmin>>>

/** Their team now, with the units above it from the top of the tree down, role profile and job title. */
async function currentTeam({ viewer, userId }: { viewer: Viewer; userId: string }) {
  const membership = await membershipOf({ userId })
  if (!membership) return null
  const unit = await visibleUnit({ viewer, unitId: membership.teamId })
  const above = unit ? await visibleAncestors({ unit }) : []
  return {
    id: membership.teamId,
    name: membership.teamName,
    above: above.map((ancestor) => ancestor.name),
    organisation: above.find((ancestor) => ancestor.kind === 'organisation') ?? null,
    roleProfile: roleProfileLabel(membership.roleProfile),
    roleProfileId: membership.roleProfile,
    jobTitle: membership.jobTitle,
  }
}

/** The posts HR's staff list gives them: the primary one first, then the active ones, latest first. */
async function hrPostsOf({ userId }: { userId: string }) {
  const { staffAssignments, orgUnits } = schema()
  return db()
    .select({
      assignmentNumber: staffAssignments.assignmentNumber,
      positionTitle: staffAssignments.positionTitle,
      staffGroup: staffAssignments.staffGroup,
      jobRole: staffAssignments.jobRole,
      unitName: orgUnits.name,
      isPrimary: staffAssignments.isPrimary,
      status: staffAssignments.status,
      active: staffAssignments.active,
      startDate: staffAssignments.startDate,
      endDate: staffAssignments.endDate,
    })
    .from(staffAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, staffAssignments.unitId))
    .where(eq(staffAssignments.userId, userId))
    .orderBy(desc(staffAssignments.isPrimary), desc(staffAssignments.active), desc(staffAssignments.startDate))
}

/** The units they manage, each saying whether the staff list, an administrator or both gave that right. */
async function managerRightsOf({ userId }: { userId: string }) {
  const { managerAssignments, orgUnits } = schema()
  const rows = await db()
    .select({
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      kind: orgUnits.kind,
      source: managerAssignments.source,
    })
    .from(managerAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, managerAssignments.orgUnitId))
    .where(eq(managerAssignments.userId, userId))
    .orderBy(asc(orgUnits.name))
  const units = new Map<
    string,
    { unitId: string; unitName: string; kind: string; fromStaffList: boolean; byAdministrator: boolean }
  >()
  for (const row of rows) {
    const unit = units.get(row.unitId) ?? {
      unitId: row.unitId,
      unitName: row.unitName,
      kind: kindLabel[row.kind],
      fromStaffList: false,
      byAdministrator: false,
    }
    if (row.source === 'import') unit.fromStaffList = true
    else unit.byAdministrator = true
    units.set(row.unitId, unit)
  }
  return [...units.values()]
}

async function organisationNamed({ code }: { code: string }) {
  const { orgUnits } = schema()
  const [row] = await db()
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.code, code), eq(orgUnits.kind, 'organisation')))
  return row?.name ?? null
}

async function unitName({ unitId }: { unitId: string }) {
  const { orgUnits } = schema()
  const [row] = await db().select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, unitId))
  return row?.name ?? null
}

/** Who suspended them last, from the audit log (an administrator's name, or the import that left them out). */
async function whoSuspended({ userId }: { userId: string }) {
  const { auditEvents } = schema()
  const [row] = await db()
    .select({ actorName: auditEvents.actorName })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, 'person'),
        eq(auditEvents.subjectId, userId),
        eq(auditEvents.action, 'person.suspended'),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
    .limit(1)
  return row?.actorName ?? null
}
