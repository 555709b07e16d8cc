import { randomUUID } from 'node:crypto'
import { inArray } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { createClientAuth } from '#tests/xapi.ts'
import { learnerSectionStatements } from '#tests/lrs-learner-statements.ts'
import { postLoad } from '#tests/lrs-load.ts'
import { startServer } from '#tests/lrs-server.ts'
import { quantile } from '../../../../bench/statistics.ts'

// Many clients at once against the real server: no answer may be a 5xx and no acknowledged statement may be
// missing. LRS_LOAD_CLIENTS (200) clients for LRS_LOAD_SECONDS (2 here; 30 for the full run). The latencies
// are printed, never asserted.

const clients = Number(process.env.LRS_LOAD_CLIENTS ?? 200)
const seconds = Number(process.env.LRS_LOAD_SECONDS ?? 2)
const databaseUrl = process.env.DATABASE_URL ?? ''

test.runIf(!databaseUrl.startsWith('pglite:'))(
  `${clients} concurrent clients lose nothing and get no server error`,
  { timeout: 180_000 },
  async () => {
    const { authorization } = await createClientAuth(['all'])
    const users = Array.from({ length: 50 }, () => randomUUID())
    const server = await startServer({ databaseUrl, env: { PUBLIC_URL: publicUrl } })
    try {
      const load = await postLoad(
        { url: server.url, authorization },
        {
          clients,
          bodies: learnerSectionStatements({ users, slug: 'spotting-phishing' }),
          until: Date.now() + seconds * 1000,
        },
      )
      expect(load.unanswered).toBe(0)
      expect(load.sent.filter((sent) => sent.status >= 500)).toEqual([])
      expect(load.sent.filter((sent) => sent.status !== 200)).toEqual([])
      const acknowledged = load.sent.flatMap((sent) => sent.ids)
      const { xapiStatements } = schema()
      let found = 0
      for (let start = 0; start < acknowledged.length; start += 500) {
        const rows = await db()
          .select({ id: xapiStatements.id })
          .from(xapiStatements)
          .where(inArray(xapiStatements.id, acknowledged.slice(start, start + 500)))
        found += rows.length
      }
      expect(found).toBe(acknowledged.length)
      const ms = load.sent.map((sent) => sent.ms)
      console.log(
        `LRS load: ${clients} clients, ${load.sent.length} POSTs in ${load.seconds.toFixed(1)} s ` +
          `(${(load.sent.length / load.seconds).toFixed(0)}/s), p50 ${quantile(ms, 0.5).toFixed(0)} ms, p99 ${quantile(ms, 0.99).toFixed(0)} ms`,
      )
    } finally {
      await server.stop()
    }
  },
)
