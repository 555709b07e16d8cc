import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db, dialect, schema, transaction } from '#app/lib/db.server.ts'
import { recordAudit } from './audit-log.server.ts'

// The database itself refuses to change or remove an audit entry (migration 0008), whatever code asks: an
// entry that could be edited afterwards would prove nothing.

async function anEntry(subjectName: string) {
  await recordAudit({
    actor: { id: null, name: 'Append-only check' },
    entries: [{ action: 'unit.renamed', subjectType: 'unit', subjectId: subjectName, subjectName }],
  })
  const { auditEvents } = schema()
  const [row] = await db().select().from(auditEvents).where(eq(auditEvents.subjectName, subjectName))
  if (!row) throw new Error('entry not written')
  return row
}

/** The database's own error message, wherever the driver puts it (drizzle wraps it as the cause). */
async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work()
  } catch (error) {
    const messages: string[] = []
    for (let at: unknown = error; at instanceof Error; at = at.cause) messages.push(at.message)
    return messages.join(' | ')
  }
  return 'not refused'
}

describe('the audit log', () => {
  test('refuses to change an entry', async () => {
    const { auditEvents } = schema()
    const entry = await anEntry('Update target')
    expect(
      await refusal(() =>
        db().update(auditEvents).set({ actorName: 'Someone else' }).where(eq(auditEvents.seq, entry.seq)),
      ),
    ).toContain('the audit log cannot be changed')
    const [after] = await db().select().from(auditEvents).where(eq(auditEvents.seq, entry.seq))
    expect(after?.actorName).toBe('Append-only check')
  })

  test('refuses to delete an entry, or all of them', async () => {
    const { auditEvents } = schema()
    const entry = await anEntry('Delete target')
    expect(await refusal(() => db().delete(auditEvents).where(eq(auditEvents.seq, entry.seq)))).toContain(
      'the audit log cannot be changed',
    )
    expect(await refusal(() => db().delete(auditEvents))).toContain('the audit log cannot be changed')
    if (dialect() === 'postgres') {
      expect(await refusal(() => db().execute(sql`truncate table audit_events`))).toContain(
        'the audit log cannot be changed',
      )
    }
    const [still] = await db().select().from(auditEvents).where(eq(auditEvents.seq, entry.seq))
    expect(still?.subjectName).toBe('Delete target')
  })

  test('a refused change inside a transaction rolls the whole transaction back', async () => {
    const { auditEvents } = schema()
    const entry = await anEntry('Transaction target')
    const result = await refusal(() =>
      transaction(async () => {
        await recordAudit({
          actor: { id: null, name: 'Append-only check' },
          entries: [{ action: 'unit.closed', subjectType: 'unit', subjectId: 'x', subjectName: 'Written then undone' }],
        })
        await db().delete(auditEvents).where(eq(auditEvents.seq, entry.seq))
      }),
    )
    expect(result).toContain('the audit log cannot be changed')
    expect(await db().select().from(auditEvents).where(eq(auditEvents.subjectName, 'Written then undone'))).toEqual([])
  })
})
