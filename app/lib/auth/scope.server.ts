import { and, eq, inArray, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { db, schema } from '#app/lib/db.server.ts'

/** Who is asking. Everyone is a learner; managers manage org units; admins see everything. */
export interface Viewer {
  id: string
  isAdmin: boolean
}

/**
 * The one rule for seeing people and units: admins see all; a manager sees the units they manage and
 * everything below them; anyone sees themselves. Every query that returns people filters with this.
 * Returns null when nothing needs filtering (admins).
 */
export function visibleUnitCondition({ viewer, unitColumn }: { viewer: Viewer; unitColumn: PgColumn }): SQL | null {
  if (viewer.isAdmin) return null
  const { managerAssignments, orgUnitClosure } = schema()
  const managed = db()
    .select({ unitId: managerAssignments.orgUnitId })
    .from(managerAssignments)
    .where(eq(managerAssignments.userId, viewer.id))
  const visible = db()
    .select({ unitId: orgUnitClosure.descendantId })
    .from(orgUnitClosure)
    .where(inArray(orgUnitClosure.ancestorId, managed))
  return inArray(unitColumn, visible)
}

export async function canSeeUnit({ viewer, unitId }: { viewer: Viewer; unitId: string }): Promise<boolean> {
  const { orgUnits } = schema()
  const condition = visibleUnitCondition({ viewer, unitColumn: orgUnits.id })
  const [row] = await db()
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(condition ? and(eq(orgUnits.id, unitId), condition) : eq(orgUnits.id, unitId))
  return Boolean(row)
}

export async function canSeePerson({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<boolean> {
  if (viewer.id === personId) return true
  const { memberships, users } = schema()
  if (viewer.isAdmin) {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.id, personId))
    return Boolean(row)
  }
  const condition = visibleUnitCondition({ viewer, unitColumn: memberships.teamId })
  const [row] = await db()
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(condition ? and(eq(memberships.userId, personId), condition) : eq(memberships.userId, personId))
  return Boolean(row)
}

/** The units this viewer manages directly (empty for learners). */
export async function managedUnitIds({ viewer }: { viewer: Viewer }): Promise<string[]> {
  const { managerAssignments } = schema()
  const rows = await db()
    .select({ unitId: managerAssignments.orgUnitId })
    .from(managerAssignments)
    .where(eq(managerAssignments.userId, viewer.id))
  return rows.map((row) => row.unitId)
}
