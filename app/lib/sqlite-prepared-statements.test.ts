import { sql } from 'drizzle-orm'
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { connect } from '#app/lib/db.server.ts'

// SQLite statements are prepared once per SQL text and reused (db.server.ts). drizzle leaves a statement in
// array mode after mapping its columns itself; whoever runs the same SQL next must still get objects.
// An in-memory database of its own: this is about the SQLite connection only.
const connection = connect('file::memory:')
afterAll(() => connection.close())

test('a reused prepared statement answers each caller in the shape it asks for', () => {
  const sqlite = connection.root as unknown as BetterSQLite3Database
  const query = sql`select 1 as one`
  expect(sqlite.values(query)).toEqual([[1]])
  expect(sqlite.all(query)).toEqual([{ one: 1 }])
  expect(sqlite.get(query)).toEqual({ one: 1 })
})
