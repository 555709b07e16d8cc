import { eq, isNull } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { importList, staffList, unitNamed } from '#tests/staff-lists.ts'

// On its own database: a platform with no organisation tree at all.

test('the first import into an empty platform puts its organisations under a new integrated care board', async () => {
  const outcome = await importList(staffList([{ employee: '1', path: ['Medicine', 'Ward 7'] }]))
  expect(outcome.totals.new).toBe(1)
  const { orgUnits } = schema()
  const roots = await db().select().from(orgUnits).where(isNull(orgUnits.parentId))
  expect(roots).toEqual([expect.objectContaining({ kind: 'icb', name: 'Integrated care board' })])
  const [organisation] = await db().select().from(orgUnits).where(eq(orgUnits.code, 'RXA'))
  expect(organisation?.parentId).toBe(roots[0]?.id)
  expect((await unitNamed('Ward 7')).kind).toBe('team')
})
