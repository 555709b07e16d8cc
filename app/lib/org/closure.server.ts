import { and, eq, gt, inArray } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema } from '#app/lib/db.server.ts'

/**
 * Puts a unit, and everything below it, under another parent: its `parent_id`, and the ancestor table that
 * scoping and reports read (docs/decisions/002-dual-dialect.md). The rows linking the moved units to each
 * other stay as they are; the rows linking them to the unit's old ancestors go, and rows to each new ancestor
 * come in, at its depth above the new parent plus one plus the unit's depth below the moved one.
 * Call it inside a transaction that holds lockOrgTree, after checking that the new parent is not in the subtree.
 */
export async function moveSubtree({ unitId, newParentId }: { unitId: string; newParentId: string }): Promise<void> {
  const { orgUnits, orgUnitClosure } = schema()
  const subtree = await db()
    .select({ id: orgUnitClosure.descendantId, depth: orgUnitClosure.depth })
    .from(orgUnitClosure)
    .where(eq(orgUnitClosure.ancestorId, unitId))
  const oldAncestorIds = (
    await db()
      .select({ id: orgUnitClosure.ancestorId })
      .from(orgUnitClosure)
      .where(and(eq(orgUnitClosure.descendantId, unitId), gt(orgUnitClosure.depth, 0)))
  ).map((row) => row.id)
  const newAncestors = await db()
    .select({ id: orgUnitClosure.ancestorId, depth: orgUnitClosure.depth })
    .from(orgUnitClosure)
    .where(eq(orgUnitClosure.descendantId, newParentId))

  const subtreeIds = subtree.map((unit) => unit.id)
  if (oldAncestorIds.length > 0) {
    for (const part of chunks(subtreeIds, 500)) {
      await db()
        .delete(orgUnitClosure)
        .where(and(inArray(orgUnitClosure.descendantId, part), inArray(orgUnitClosure.ancestorId, oldAncestorIds)))
    }
  }
  const rows = newAncestors.flatMap((ancestor) =>
    subtree.map((unit) => ({ ancestorId: ancestor.id, descendantId: unit.id, depth: ancestor.depth + 1 + unit.depth })),
  )
  for (const part of chunks(rows, 500)) await db().insert(orgUnitClosure).values(part)
  await db().update(orgUnits).set({ parentId: newParentId }).where(eq(orgUnits.id, unitId))
}
