import { randomUUID } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { rebuildProjections } from '#app/lib/learning/projections/projector.server.ts'
import { createClientAuth } from '#tests/xapi.ts'
import { learnerSectionStatements } from '#tests/lrs-learner-statements.ts'
import { postLoad } from '#tests/lrs-load.ts'
import { startServer } from '#tests/lrs-server.ts'
import { projectionSnapshot } from '#tests/projection-snapshot.ts'

// Several clients send statements to the real server, which is killed (SIGKILL) mid-stream and started again.
// Every statement answered 200 must be there, whole (its index rows too), and the projections must be what a
// rebuild from the statements gives. Seconds of sending: LRS_CRASH_SECONDS (1.5 here; more to soak it).

const seconds = Number(process.env.LRS_CRASH_SECONDS ?? 1.5)
const databaseUrl = process.env.DATABASE_URL ?? ''
// PGlite lives in this process only: the server cannot share it.
const sharedDatabase = !databaseUrl.startsWith('pglite:')

test.runIf(sharedDatabase)(
  'statements acknowledged before a crash survive it, whole',
  { timeout: 120_000 },
  async () => {
    const { authorization } = await createClientAuth(['all'])
    const users = Array.from({ length: 4 }, () => randomUUID())
    // The server must name learners as this process does, or it would not recognise them in statements.
    const env = { PUBLIC_URL: publicUrl }
    let server = await startServer({ databaseUrl, env })
    const bodies = learnerSectionStatements({ users, slug: 'spotting-phishing' })
    const sentIds: string[] = []
    const recording = {
      next() {
        const next = bodies.next()
        if (!next.done) sentIds.push(next.value.id)
        return next
      },
    }
    const sending = postLoad({ url: server.url, authorization }, { clients: 4, bodies: recording })
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
    await server.stop({ kill: true })
    const load = await sending
    const acknowledged = load.sent.flatMap((sent) => sent.ids)
    expect(acknowledged.length).toBeGreaterThan(0)
    expect(load.sent.filter((sent) => sent.status !== 200)).toEqual([])

    server = await startServer({ databaseUrl, env })
    try {
      const { xapiStatements } = schema()
      const stored = new Set<string>()
      for (let start = 0; start < sentIds.length; start += 500) {
        const rows = await db()
          .select({ id: xapiStatements.id })
          .from(xapiStatements)
          .where(inArray(xapiStatements.id, sentIds.slice(start, start + 500)))
        for (const row of rows) stored.add(row.id)
      }
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
      // Whole: no statement without its actor's index row (each is written in the statement's transaction).
      const [orphans] = await db()
        .select({ count: sql<number>`count(*)` })
        .from(xapiStatements)
        .where(
          sql`not exists (select 1 from xapi_statement_agents a where a.statement_seq = ${xapiStatements.seq} and a.relation = 'actor')`,
        )
      expect(Number(orphans?.count)).toBe(0)
      const projected = await projectionSnapshot()
      expect(projected.attempts.length).toBeGreaterThan(0)
      await rebuildProjections()
      expect(await projectionSnapshot()).toEqual(projected)
    } finally {
      await server.stop()
    }
  },
)
