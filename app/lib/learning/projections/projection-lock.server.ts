import { sql } from 'drizzle-orm'
import { type Database, dialect } from '#app/lib/db.server.ts'

/**
 * Serialises everything that writes statements or what is derived from them, across app instances on one
 * PostgreSQL: storing statements (stored times never go backwards), rebuilding projections, and refreshing
 * team rollups. Held until the transaction ends; taking it twice in one transaction is harmless. SQLite
 * needs nothing: its one connection runs one transaction at a time.
 */
export async function lockProjections(tx: Database): Promise<void> {
  if (dialect() === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(727001)`)
}
