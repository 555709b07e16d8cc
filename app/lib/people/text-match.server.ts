import { type SQL, type SQLWrapper, sql } from 'drizzle-orm'

// Case-insensitive LIKE that reads the same on SQLite and PostgreSQL: both sides lower-cased (SQLite's LIKE
// ignores case and PostgreSQL's does not), and the typed text's own % and _ matched literally.

function likePattern(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)
}

/** The column's text contains `text`, whatever the case. */
export function containsText(column: SQLWrapper, text: string): SQL {
  return sql`lower(${column}) like ${`%${likePattern(text)}%`} escape '\\'`
}

/** The column's text starts with `text`, whatever the case. */
export function startsWithText(column: SQLWrapper, text: string): SQL {
  return sql`lower(${column}) like ${`${likePattern(text)}%`} escape '\\'`
}
