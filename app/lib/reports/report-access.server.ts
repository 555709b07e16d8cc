import { and, eq, gt, inArray } from 'drizzle-orm'
import { type CurrentUser, requireUser, rolesOf } from '#app/lib/auth/current-user.server.ts'
import {
  canSeePerson,
  managedUnitIds,
  type Viewer,
  visibleUnit,
  type VisibleUnit,
  visibleUnits,
} from '#app/lib/auth/scope.server.ts'
import { db, schema } from '#app/lib/db.server.ts'

// Who may open reports, and on what. Learners (no managed unit, not an admin) get 403 on every report
// page and CSV; a unit or person outside the viewer's scope is answered 404, so hidden ones stay unknown.

export async function requireReportViewer(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request)
  const roles = await rolesOf(user)
  if (!roles.manager && !roles.admin) throw new Response('Reports are for managers and administrators', { status: 403 })
  return user
}

export async function requireReportUnit({
  viewer,
  unitId,
}: {
  viewer: Viewer
  unitId: string | undefined
}): Promise<VisibleUnit> {
  const unit = unitId ? await visibleUnit({ viewer, unitId }) : null
  if (!unit) throw new Response('Unit not found', { status: 404 })
  return unit
}

export async function requireReportPerson({
  viewer,
  personId,
}: {
  viewer: Viewer
  personId: string | undefined
}): Promise<{ id: string; name: string }> {
  if (!personId || !(await canSeePerson({ viewer, personId }))) throw new Response('Person not found', { status: 404 })
  const { users } = schema()
  const [person] = await db().select({ id: users.id, name: users.name }).from(users).where(eq(users.id, personId))
  if (!person) throw new Response('Person not found', { status: 404 })
  return person
}

/**
 * Where a viewer's reports start: for an administrator the ICB(s); for a manager the units they manage,
 * leaving out any that sit inside another unit they manage (that one's report already covers it).
 */
export async function reportRootUnits({ viewer }: { viewer: Viewer }): Promise<VisibleUnit[]> {
  const { orgUnits, orgUnitClosure } = schema()
  if (viewer.isAdmin) {
    const icbs = await db().select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.kind, 'icb'))
    return visibleUnits({ viewer, unitIds: icbs.map((icb) => icb.id) })
  }
  const managed = await managedUnitIds({ viewer })
  if (managed.length === 0) return []
  const nested = await db()
    .select({ id: orgUnitClosure.descendantId })
    .from(orgUnitClosure)
    .where(
      and(
        inArray(orgUnitClosure.ancestorId, managed),
        inArray(orgUnitClosure.descendantId, managed),
        gt(orgUnitClosure.depth, 0),
      ),
    )
  const covered = new Set(nested.map((row) => row.id))
  return visibleUnits({ viewer, unitIds: managed.filter((id) => !covered.has(id)) })
}
