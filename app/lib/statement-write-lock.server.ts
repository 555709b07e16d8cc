import { sql } from 'drizzle-orm'
import { type Database, dialect, runSql } from '#app/lib/db.server.ts'

/**
 * Serialises, across app instances on one PostgreSQL, every transaction that writes statements or anything
 * derived from them: storing statements (stored times never go backwards), the effects that run with them
 * (projections), membership changes (team rollups), rebuilding projections and refreshing rollups. Held until
 * the transaction ends; taking it twice in one transaction is harmless. SQLite needs nothing: its one
 * connection runs one transaction at a time. It lives beside db.server.ts because the xapi store, org and
 * learning all take it, and none of them should import another for it.
 */
export async function lockStatementWrites(tx: Database): Promise<void> {
  if (dialect() === 'postgres') await runSql(tx, sql`select pg_advisory_xact_lock(727001)`, { keepPrepared: true })
}
