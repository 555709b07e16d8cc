import { sql } from 'drizzle-orm'
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { expect, test } from 'vitest'
import { db, dialect } from '#app/lib/db.server.ts'

// SQLite statements are prepared once per SQL text and reused (db.server.ts). drizzle leaves a statement in
// array mode after mapping its columns itself; whoever runs the same SQL next must still get objects.
test.runIf(dialect() === 'sqlite')('a reused prepared statement answers each caller in the shape it asks for', () => {
  const sqlite = db() as unknown as BetterSQLite3Database
  const query = sql`select 1 as one`
  expect(sqlite.values(query)).toEqual([[1]])
  expect(sqlite.all(query)).toEqual([{ one: 1 }])
  expect(sqlite.get(query)).toEqual({ one: 1 })
})
