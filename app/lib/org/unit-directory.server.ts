import { and, asc, desc, eq, gt, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { containsText } from '#app/lib/name-search.ts'
import { allowedChildKinds, canHold, type OrgUnitKind } from './org-unit.ts'
import { labelUnits } from './unit-labels.ts'

// What the administrators' unit pages read. With thousands of units no page draws the whole tree: the first
// page shows the ICB and its organisations, each unit's page its own children, and a search finds any unit by
// name. Administrators see every unit, so nothing here is scoped by a viewer; the routes require an admin.

export interface AdminUnit {
  id: string
  name: string
  kind: OrgUnitKind
  parentId: string | null
  closed: boolean
  closedAt: Date | null
  /** People in it and below it now: the team headcounts added up, as the reports count them. */
  people: number
}

async function unitsWithPeople(which: SQL | undefined, limit?: number): Promise<AdminUnit[]> {
  const { orgUnits, orgUnitClosure, teamHeadcounts } = schema()
  const query = db()
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      kind: orgUnits.kind,
      parentId: orgUnits.parentId,
      closedAt: orgUnits.closedAt,
      people: sql<number | string>`coalesce(sum(${teamHeadcounts.people}), 0)`,
    })
    .from(orgUnits)
    .innerJoin(orgUnitClosure, eq(orgUnitClosure.ancestorId, orgUnits.id))
    .leftJoin(teamHeadcounts, eq(teamHeadcounts.teamId, orgUnitClosure.descendantId))
    .where(which)
    .groupBy(orgUnits.id, orgUnits.name, orgUnits.kind, orgUnits.parentId, orgUnits.closedAt)
    .orderBy(asc(orgUnits.name), asc(orgUnits.id))
  const rows = limit === undefined ? await query : await query.limit(limit)
  return rows.map(({ people, ...row }) => ({ ...row, closed: row.closedAt !== null, people: Number(people) }))
}

/** The top of the tree: each ICB (normally one) with the organisations in it. */
export async function unitTreeTop(): Promise<(AdminUnit & { children: AdminUnit[] })[]> {
  const { orgUnits } = schema()
  const tops = await unitsWithPeople(isNull(orgUnits.parentId))
  if (tops.length === 0) return []
  const children = await unitsWithPeople(
    inArray(
      orgUnits.parentId,
      tops.map((top) => top.id),
    ),
  )
  return tops.map((top) => ({ ...top, children: children.filter((child) => child.parentId === top.id) }))
}

/** The names of the units above each of these, nearest first, leaving out the ICB ("Medicine, Bay Hospitals"). */
async function whereTheyAre(unitIds: string[]): Promise<Map<string, string[]>> {
  const { orgUnits, orgUnitClosure } = schema()
  const within = new Map<string, string[]>(unitIds.map((id) => [id, []]))
  for (const part of chunks(unitIds, 500)) {
    const rows = await db()
      .select({ unitId: orgUnitClosure.descendantId, name: orgUnits.name })
      .from(orgUnitClosure)
      .innerJoin(orgUnits, eq(orgUnits.id, orgUnitClosure.ancestorId))
      .where(and(inArray(orgUnitClosure.descendantId, part), gt(orgUnitClosure.depth, 0), ne(orgUnits.kind, 'icb')))
      .orderBy(asc(orgUnitClosure.depth))
    for (const row of rows) within.get(row.unitId)?.push(row.name)
  }
  return within
}

/** Units whose name contains the text, by name, each with where it is; `more` when there were more than `limit`. */
export async function searchUnits({
  text,
  limit = 50,
}: {
  text: string
  limit?: number
}): Promise<{ units: (AdminUnit & { within: string[] })[]; more: boolean }> {
  const { orgUnits } = schema()
  const found = await unitsWithPeople(containsText(orgUnits.name, text), limit + 1)
  const units = found.slice(0, limit)
  const within = await whereTheyAre(units.map((unit) => unit.id))
  return { units: units.map((unit) => ({ ...unit, within: within.get(unit.id) ?? [] })), more: found.length > limit }
}

/** One unit for its administration page: itself, the units above it (top first) and the units directly below. */
export async function unitForAdmin({ unitId }: { unitId: string }) {
  const { orgUnits, orgUnitClosure } = schema()
  const [unit] = await unitsWithPeople(eq(orgUnits.id, unitId))
  if (!unit) return null
  const [ancestors, children] = await Promise.all([
    db()
      .select({ id: orgUnits.id, name: orgUnits.name, closedAt: orgUnits.closedAt })
      .from(orgUnitClosure)
      .innerJoin(orgUnits, eq(orgUnits.id, orgUnitClosure.ancestorId))
      .where(and(eq(orgUnitClosure.descendantId, unitId), gt(orgUnitClosure.depth, 0)))
      .orderBy(desc(orgUnitClosure.depth)),
    unitsWithPeople(eq(orgUnits.parentId, unitId)),
  ])
  const parent = ancestors.at(-1)
  return {
    unit,
    ancestors: ancestors.map(({ id, name }) => ({ id, name })),
    parent: parent ? { id: parent.id, name: parent.name, closed: parent.closedAt !== null } : null,
    children,
    /** What may be added below it: nothing below a team, and nothing while it is closed. */
    childKinds: unit.closed ? [] : allowedChildKinds[unit.kind],
  }
}

/**
 * Where a unit could be moved: open units of a kind that may hold it, outside the unit itself and everything
 * below it, other than its current parent. Labelled by name, with their organisation where the name is shared by
 * another unit that could hold it (the current parent too: "Medicine" alone would read as staying put).
 */
export async function moveTargets({ unitId }: { unitId: string }): Promise<{ id: string; label: string }[]> {
  const { orgUnits, orgUnitClosure } = schema()
  const [unit] = await db().select().from(orgUnits).where(eq(orgUnits.id, unitId))
  if (!unit?.parentId) return []
  const kinds = (Object.keys(allowedChildKinds) as OrgUnitKind[]).filter((kind) => canHold(kind, unit.kind))
  const holders = await db()
    .select({ id: orgUnits.id, name: orgUnits.name, parentId: orgUnits.parentId, closedAt: orgUnits.closedAt })
    .from(orgUnits)
    .where(inArray(orgUnits.kind, kinds))
  const inside = new Set(
    (
      await db()
        .select({ id: orgUnitClosure.descendantId })
        .from(orgUnitClosure)
        .where(eq(orgUnitClosure.ancestorId, unitId))
    ).map((row) => row.id),
  )
  const organisationOf = new Map<string, string>()
  const organisations = db().select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.kind, 'organisation'))
  for (const part of chunks(
    holders.map((holder) => holder.id),
    500,
  )) {
    const rows = await db()
      .select({ unitId: orgUnitClosure.descendantId, name: orgUnits.name })
      .from(orgUnitClosure)
      .innerJoin(orgUnits, eq(orgUnits.id, orgUnitClosure.ancestorId))
      .where(and(inArray(orgUnitClosure.descendantId, part), inArray(orgUnitClosure.ancestorId, organisations)))
    for (const row of rows) organisationOf.set(row.unitId, row.name)
  }
  const nameOf = new Map(holders.map((holder) => [holder.id, holder.name]))
  const missingParents = [
    ...new Set(holders.flatMap((holder) => (holder.parentId && !nameOf.has(holder.parentId) ? [holder.parentId] : []))),
  ]
  for (const part of chunks(missingParents, 500)) {
    const rows = await db()
      .select({ id: orgUnits.id, name: orgUnits.name })
      .from(orgUnits)
      .where(inArray(orgUnits.id, part))
    for (const row of rows) nameOf.set(row.id, row.name)
  }
  const labels = labelUnits(
    holders.map((holder) => ({
      id: holder.id,
      name: holder.name,
      organisationName: organisationOf.get(holder.id) ?? null,
      parentName: holder.parentId ? (nameOf.get(holder.parentId) ?? null) : null,
    })),
  )
  const allowed = new Set(
    holders
      .filter((holder) => holder.closedAt === null && holder.id !== unit.parentId && !inside.has(holder.id))
      .map((holder) => holder.id),
  )
  return labels.filter((label) => allowed.has(label.id))
}
