import { type Viewer, visibleUnit, type VisibleUnit } from '#app/lib/auth/scope.server.ts'

/** The unit as `viewer` may see it, for the report and people functions; the test fails if they may not. */
export async function unitSeenBy(viewer: Viewer, unit: { id: string }): Promise<VisibleUnit> {
  const visible = await visibleUnit({ viewer, unitId: unit.id })
  if (!visible) throw new Error(`unit ${unit.id} is hidden from viewer ${viewer.id}`)
  return visible
}
