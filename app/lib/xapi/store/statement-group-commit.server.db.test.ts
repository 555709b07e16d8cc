import { randomUUID } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { connect, db, queryRows, schema } from '#app/lib/db.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { statementsStored } from './statement-effects.server.ts'
import { storeStatementsTogether } from './statement-group-commit.server.ts'
import { storeStatements } from './statement-store.server.ts'

// Requests made at about the same time share one transaction, yet each gets the answer it would have had alone
// and none is answered before its statements are committed.

const authority = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'lms' } }
const learner = (name: string) => ({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name } })
const answered = (id: string, name: string, response = 'a') => ({
  id,
  actor: learner(name),
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: { id: 'https://content.example.org/q1' },
  result: { response },
})
const post = (...statements: Record<string, unknown>[]) =>
  storeStatementsTogether({ statements, authority, version: '1.0.3' })

// How many statements each run of the effects saw: a group's statements are one batch.
const batchSizes: number[] = []
statementsStored.register('group sizes seen by the test', async ({ inserted }) => {
  batchSizes.push(inserted.length)
})

async function storedIds(ids: string[]): Promise<string[]> {
  const { xapiStatements } = schema()
  const { db } = await import('#app/lib/db.server.ts')
  const rows = await db().select({ id: xapiStatements.id }).from(xapiStatements).where(inArray(xapiStatements.id, ids))
  return rows.map((row) => row.id).sort()
}

describe('single-statement requests stored together', () => {
  test('requests made together are one transaction and one batch for the effects', async () => {
    batchSizes.length = 0
    const ids = [randomUUID(), randomUUID(), randomUUID()]
    const answers = await Promise.all(ids.map((id, index) => post(answered(id, `learner-${index}`))))
    expect(answers).toEqual(ids.map((id) => [id]))
    expect(batchSizes).toEqual([3])
    expect(await storedIds(ids)).toEqual([...ids].sort())
  })

  test('one request’s conflict fails that request only', async () => {
    const taken = randomUUID()
    await storeStatements({ statements: [answered(taken, 'ada', 'first')], authority, version: '1.0.3' })
    batchSizes.length = 0
    const [before, after] = [randomUUID(), randomUUID()]
    const results = await Promise.allSettled([
      post(answered(before, 'bo')),
      post(answered(taken, 'ada', 'different')),
      post(answered(after, 'cy')),
    ])
    expect(results[0]).toEqual({ status: 'fulfilled', value: [before] })
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { status: 409 } })
    expect(results[2]).toEqual({ status: 'fulfilled', value: [after] })
    // Tried together first, then each alone.
    expect(batchSizes).toEqual([1, 1])
    expect(await storedIds([before, after])).toEqual([before, after].sort())
  })

  test('the same statement in two requests, and a request voiding another’s statement, are answered as if alone', async () => {
    const shared = randomUUID()
    const voided = randomUUID()
    const voiding = randomUUID()
    const results = await Promise.allSettled([
      post(answered(shared, 'ada')),
      post(answered(shared, 'ada')),
      post(answered(voided, 'bo')),
      post({
        id: voiding,
        actor: learner('bo'),
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: voided },
      }),
    ])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
    const { xapiStatements } = schema()
    const { db } = await import('#app/lib/db.server.ts')
    const [target] = await db()
      .select({ isVoided: xapiStatements.isVoided })
      .from(xapiStatements)
      .where(inArray(xapiStatements.id, [voided]))
    expect(target?.isVoided).toBe(true)
  })

  test('a request invalid before the database is refused at once and the others are stored', async () => {
    const fine = randomUUID()
    const twice = randomUUID()
    const results = await Promise.allSettled([
      post(answered(twice, 'ada'), answered(twice, 'ada')),
      post(answered(fine, 'bo')),
    ])
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { status: 400 } })
    expect(results[1]).toEqual({ status: 'fulfilled', value: [fine] })
  })

  // The lock and the latest stored time are sent to PostgreSQL together; the read must still come after the wait.
  // (SQLite has no such lock: its one connection runs one transaction at a time.)
  if ((process.env.DATABASE_URL ?? '').startsWith('postgres'))
    test('a write that waits for the lock reads the latest stored time once it has it: stored times never go back', async () => {
      const earlier = randomUUID()
      await storeStatements({ statements: [answered(earlier, 'ada')], authority, version: '1.0.3' })
      const { xapiStatements } = schema()
      const other = connect(process.env.DATABASE_URL ?? '')
      const anHourAhead = new Date(Date.now() + 60 * 60 * 1000)
      try {
        const waiting = await other.runInTransaction(async (tx) => {
          await lockStatementWrites(tx)
          const write = storeStatements({ statements: [answered(randomUUID(), 'bo')], authority, version: '1.0.3' })
          // Until the write is queued behind this transaction's lock…
          for (;;) {
            const [queued] = await queryRows<{ waiting: number }>(
              other.root,
              sql`select count(*)::int as waiting from pg_locks
                where locktype = 'advisory' and objid = 727001 and not granted
                  and database = (select oid from pg_database where datname = current_database())`,
            )
            if ((queued?.waiting ?? 0) > 0) break
            await new Promise((resolve) => setTimeout(resolve, 10))
          }
          // …then a later stored time is committed with the lock's release.
          await tx.update(xapiStatements).set({ stored: anHourAhead }).where(eq(xapiStatements.id, earlier))
          return { write }
        })
        const [id] = await waiting.write
        const [row] = await db()
          .select({ stored: xapiStatements.stored })
          .from(xapiStatements)
          .where(eq(xapiStatements.id, id ?? ''))
        expect(row?.stored.getTime()).toBeGreaterThanOrEqual(anHourAhead.getTime())
      } finally {
        await other.close()
      }
    })

  // PGlite lives in this process only: no second connection can look at it.
  test.runIf(!(process.env.DATABASE_URL ?? '').startsWith('pglite:'))(
    'each request is answered only once its statements are committed: another connection sees them',
    async () => {
      const other = connect(process.env.DATABASE_URL ?? '')
      try {
        const { xapiStatements } = other.schema
        const ids = Array.from({ length: 6 }, () => randomUUID())
        const seenByOther = await Promise.all(
          ids.map(async (id, index) => {
            await post(answered(id, `learner-${index}`))
            const rows = await other.root
              .select({ id: xapiStatements.id })
              .from(xapiStatements)
              .where(inArray(xapiStatements.id, [id]))
            return rows.length
          }),
        )
        expect(seenByOther).toEqual(ids.map(() => 1))
      } finally {
        await other.close()
      }
    },
  )
})
