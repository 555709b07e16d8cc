import { sql } from 'drizzle-orm'
import { type Database, dialect } from '#app/lib/db.server.ts'

/**
 * Serialises changes to the shape of the organisation tree (adding a unit, moving one) across app instances on
 * one PostgreSQL. Each writes closure rows computed from the ancestors it has just read: two moves at once could
 * otherwise put A under B and B under A, or give a new unit the ancestors its parent had before a move. Held
 * until the transaction ends. SQLite needs nothing: its one connection runs one transaction at a time.
 */
export async function lockOrgTree(tx: Database): Promise<void> {
  if (dialect() === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(727002)`)
}
