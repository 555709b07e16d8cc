import { type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'

/**
 * "The column contains this text", ignoring case, the same on both databases (SQLite has no ilike). The text's
 * own % and _ are matched as themselves, not as wildcards. SQLite's lower() folds ASCII letters only.
 */
export function containsText(column: PgColumn, text: string): SQL {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  return sql`lower(${column}) like ${pattern} escape '\\'`
}
