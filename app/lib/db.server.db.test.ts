import { eq } from 'drizzle-orm'
import { describe, expect, test, vi } from 'vitest'
import { db, schema, transaction } from './db.server.ts'

const insertUnit = (code: string) => db().insert(schema().orgUnits).values({ code, name: code, kind: 'icb' })

const unitExists = async (code: string) =>
  (await db().select().from(schema().orgUnits).where(eq(schema().orgUnits.code, code))).length === 1

describe('transaction()', () => {
  test('commits everything written inside it', async () => {
    await transaction(async () => {
      await insertUnit('committed-a')
      await insertUnit('committed-b')
    })
    expect(await unitExists('committed-a')).toBe(true)
    expect(await unitExists('committed-b')).toBe(true)
  })

  test('writes nothing when the work fails part-way', async () => {
    await expect(
      transaction(async () => {
        await insertUnit('rolled-back')
        await insertUnit('rolled-back') // unique code: fails
      }),
    ).rejects.toThrow()
    expect(await unitExists('rolled-back')).toBe(false)
  })

  test('a failing nested transaction undoes only its own part', async () => {
    await transaction(async () => {
      await insertUnit('outer-kept')
      await expect(
        transaction(async () => {
          await insertUnit('inner-undone')
          throw new Error('inner step failed')
        }),
      ).rejects.toThrow('inner step failed')
    })
    expect(await unitExists('outer-kept')).toBe(true)
    expect(await unitExists('inner-undone')).toBe(false)
  })

  test('concurrent transactions each commit or roll back on their own', async () => {
    const results = await Promise.allSettled([
      transaction(async () => {
        await insertUnit('parallel-1')
      }),
      transaction(async () => {
        await insertUnit('parallel-2')
        throw new Error('second fails')
      }),
      transaction(async () => {
        await insertUnit('parallel-3')
      }),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await unitExists('parallel-1')).toBe(true)
    expect(await unitExists('parallel-2')).toBe(false)
    expect(await unitExists('parallel-3')).toBe(true)
  })

  test('a second copy of this module works inside the transaction the first opened', async () => {
    // The server entry and the Remix build each load their own copy (so do the dev server's reloads): their
    // db() and transaction() must find the transaction, not the bare client, which would write outside it
    // (or, on PGlite's one connection, wait for it to end).
    vi.resetModules()
    const copy = await import('./db.server.ts')
    await expect(
      transaction(async () => {
        await copy.db().insert(copy.schema().orgUnits).values({ code: 'copy-undone', name: 'copy', kind: 'icb' })
        await copy.transaction(async () => {
          await copy.db().insert(copy.schema().orgUnits).values({ code: 'copy-nested', name: 'nested', kind: 'icb' })
        })
        throw new Error('undo both')
      }),
    ).rejects.toThrow('undo both')
    expect(await unitExists('copy-undone')).toBe(false)
    expect(await unitExists('copy-nested')).toBe(false)
  })
})
