import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

// The audit log is only ever appended to. The databases refuse updates and deletes (migration 0008, tested in
// audit-append-only.db.test.ts); this keeps the application from even asking.

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

const CHANGES_TO_THE_LOG = [
  /\.(update|delete)\(\s*(schema\(\)\.)?auditEvents\b/,
  /\b(update|delete\s+from|truncate(\s+table)?)\s+["`]?audit_events\b/i,
]

test('nothing in the application updates or deletes audit entries', () => {
  const offending = sourceFiles(path.resolve('app')).flatMap((file) => {
    const source = fs.readFileSync(file, 'utf8')
    return CHANGES_TO_THE_LOG.some((pattern) => pattern.test(source)) ? [path.relative(process.cwd(), file)] : []
  })
  expect(offending).toEqual([])
})

test('the check would notice such a change', () => {
  const samples = [
    'await db().update(auditEvents).set({ actorName: "x" })',
    'await db().delete(schema().auditEvents)',
    'await tx.execute(sql`DELETE FROM audit_events`)',
    'await sql`truncate table "audit_events"`',
  ]
  for (const sample of samples)
    expect(
      CHANGES_TO_THE_LOG.some((pattern) => pattern.test(sample)),
      sample,
    ).toBe(true)
  expect(CHANGES_TO_THE_LOG.some((pattern) => pattern.test('await db().insert(auditEvents).values(rows)'))).toBe(false)
})
