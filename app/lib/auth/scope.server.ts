import { and, asc, eq, inArray, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { db, type Schema, schema } from '#app/lib/db.server.ts'

/** Who is asking. Everyone is a learner; managers manage org units; admins see everything. */
export interface Viewer {
  id: string
  isAdmin: boolean
}

declare const checkedAgainstViewer: unique symbol

/**
 * A unit that `visibleUnits` (or `visibleUnit`) has checked the viewer may see, with that viewer. Report and
 * people functions take only these: the brand is a symbol nothing else can name, so a unit row loaded any
 * other way, or an object written to look like one, does not compile where a VisibleUnit is wanted.
 */
// The unit row's type comes straight from the schema: org imports this file, so it cannot import org.
export type VisibleUnit = Schema['orgUnits']['$inferSelect'] & {
  readonly viewer: Viewer
  readonly [checkedAgainstViewer]: true
}

/** The ids of the units a viewer manages directly (column `unitId`), as a query to use inside another. */
export function unitsManagedBy(viewer: Viewer) {
  const { managerAssignments } = schema()
  return db()
    .select({ unitId: managerAssignments.orgUnitId })
    .from(managerAssignments)
    .where(eq(managerAssignments.userId, viewer.id))
}

/**
 * The one rule for seeing people and units: admins see all; a manager sees the units they manage and
 * everything below them; anyone sees themselves. Every query that returns people filters with this.
 * Undefined when nothing needs filtering (admins), so that `and(condition, visibleUnitCondition(…))` reads as one.
 */
export function visibleUnitCondition({
  viewer,
  unitColumn,
}: {
  viewer: Viewer
  unitColumn: PgColumn
}): SQL | undefined {
  if (viewer.isAdmin) return undefined
  const { orgUnitClosure } = schema()
  const visible = db()
    .select({ unitId: orgUnitClosure.descendantId })
    .from(orgUnitClosure)
    .where(inArray(orgUnitClosure.ancestorId, unitsManagedBy(viewer)))
  return inArray(unitColumn, visible)
}

/** Those of these units the viewer may see, by name; the only way to get a VisibleUnit. */
export async function visibleUnits({ viewer, unitIds }: { viewer: Viewer; unitIds: string[] }): Promise<VisibleUnit[]> {
  if (unitIds.length === 0) return []
  const { orgUnits } = schema()
  const rows = await db()
    .select()
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, unitIds), visibleUnitCondition({ viewer, unitColumn: orgUnits.id })))
    .orderBy(asc(orgUnits.name))
  const checkedFor: Viewer = { id: viewer.id, isAdmin: viewer.isAdmin }
  return rows.map((row) => ({ ...row, viewer: checkedFor }) as VisibleUnit)
}

/** The unit if the viewer may see it, or null (callers answer 404 so hidden units stay unknown). */
export async function visibleUnit({ viewer, unitId }: { viewer: Viewer; unitId: string }): Promise<VisibleUnit | null> {
  const [unit] = await visibleUnits({ viewer, unitIds: [unitId] })
  return unit ?? null
}

export async function canSeeUnit({ viewer, unitId }: { viewer: Viewer; unitId: string }): Promise<boolean> {
  return (await visibleUnit({ viewer, unitId })) !== null
}

export async function canSeePerson({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<boolean> {
  if (viewer.id === personId) return true
  const { memberships, users } = schema()
  if (viewer.isAdmin) {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.id, personId))
    return Boolean(row)
  }
  const [row] = await db()
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, personId), visibleUnitCondition({ viewer, unitColumn: memberships.teamId })))
  return Boolean(row)
}

/** The units this viewer manages directly (empty for learners). */
export async function managedUnitIds({ viewer }: { viewer: Viewer }): Promise<string[]> {
  const rows = await unitsManagedBy(viewer)
  return rows.map((row) => row.unitId)
}
