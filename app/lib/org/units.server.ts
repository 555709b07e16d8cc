import { and, asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm'
import type { Viewer, VisibleUnit } from '#app/lib/auth/scope.server.ts'
import { unitsManagedBy, visibleUnitCondition } from '#app/lib/auth/scope.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { canHold, type OrgUnit, type OrgUnitKind } from './org-unit.ts'
import { lockOrgTree } from './tree-lock.server.ts'

// The read functions below take a VisibleUnit (app/lib/auth/scope.server.ts): every unit below one the
// viewer may see is visible to them too, so what lies under it needs no second check. Only the units above
// it (visibleAncestors) are filtered by the viewer again.

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
    await lockOrgTree(tx)
    if (parentId) {
      const [parent] = await tx.select().from(orgUnits).where(eq(orgUnits.id, parentId))
      if (!parent) throw new Error(`parent unit ${parentId} does not exist`)
      if (!canHold(parent.kind, kind)) throw new Error(`a ${kind} cannot sit under a ${parent.kind}`)
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

/** The chain from the top of the tree down to the unit's parent, trimmed to what the unit's viewer may see. */
export async function visibleAncestors({ unit }: { unit: VisibleUnit }) {
  const { orgUnits, orgUnitClosure } = schema()
  return db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnitClosure)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitClosure.ancestorId))
    .where(
      and(
        eq(orgUnitClosure.descendantId, unit.id),
        gt(orgUnitClosure.depth, 0),
        visibleUnitCondition({ viewer: unit.viewer, unitColumn: orgUnits.id }),
      ),
    )
    .orderBy(desc(orgUnitClosure.depth))
}

/**
 * Units matching `which`, by name, each with how many people are in it (its teams and all below): a sum of
 * the team headcounts that setMembership keeps, not a count of everyone.
 */
async function unitsWithHeadcount(which: SQL | undefined) {
  const { orgUnits, orgUnitClosure, teamHeadcounts } = schema()
  const rows = await db()
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
      people: sql<number | string>`coalesce(sum(${teamHeadcounts.people}), 0)`,
    })
    .from(orgUnits)
    .innerJoin(orgUnitClosure, eq(orgUnitClosure.ancestorId, orgUnits.id))
    .leftJoin(teamHeadcounts, eq(teamHeadcounts.teamId, orgUnitClosure.descendantId))
    .where(which)
    .groupBy(orgUnits.id, orgUnits.name, orgUnits.kind)
    .orderBy(asc(orgUnits.name))
  return rows.map((row) => ({ ...row, people: Number(row.people) }))
}

/** Units directly below this one with how many people are in each (teams and all below). */
export async function childUnitsWithHeadcount({ unit }: { unit: VisibleUnit }) {
  const { orgUnits } = schema()
  return unitsWithHeadcount(eq(orgUnits.parentId, unit.id))
}

/** People whose primary team is the unit or a team below it, with that team. */
function selectPeopleInUnit({ unit, where }: { unit: VisibleUnit; where?: SQL }) {
  const { users, memberships, orgUnits, orgUnitClosure } = schema()
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
    .where(and(eq(orgUnitClosure.ancestorId, unit.id), where))
}

/** Everyone whose primary team is the unit or below it, by name. */
export async function peopleInUnit({ unit }: { unit: VisibleUnit }) {
  const { users } = schema()
  return selectPeopleInUnit({ unit }).orderBy(asc(users.name))
}

export type PersonInUnit = Awaited<ReturnType<typeof peopleInUnit>>[number]

/**
 * The same people a page at a time, in user id order after `afterId` (keyset pagination on the memberships
 * primary key: each page is an index range, however deep into the listing it starts).
 */
export async function peopleInUnitPage({
  unit,
  afterId,
  limit,
}: {
  unit: VisibleUnit
  afterId: string | null
  limit: number
}): Promise<PersonInUnit[]> {
  const { memberships } = schema()
  return selectPeopleInUnit({ unit, where: afterId === null ? undefined : gt(memberships.userId, afterId) })
    .orderBy(asc(memberships.userId))
    .limit(limit)
}

/** The units a person manages, with headcounts, for their home page. */
export async function managedUnitsWithHeadcount({ viewer }: { viewer: Viewer }) {
  const { orgUnits } = schema()
  return unitsWithHeadcount(inArray(orgUnits.id, unitsManagedBy(viewer)))
}

export async function topLevelUnits() {
  const { orgUnits } = schema()
  return db()
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'icb'))
    .orderBy(asc(orgUnits.name))
}
