import { sql, type SQL } from 'drizzle-orm'
import { db, dialect, queryRows } from '#app/lib/db.server.ts'
import { type StatementFilters, statementQueries } from './statement-query.server.ts'

/**
 * The database's plan for each query a statement query runs (./statement-query.server.ts), one line per
 * step: SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's EXPLAIN text. For tests and the LRS benchmark,
 * so that a change that turns a filter into a scan shows.
 */
export async function statementQueryPlans(filters: StatementFilters): Promise<string[][]> {
  const queries = await statementQueries(filters)
  const plans: string[][] = []
  for (const query of queries) {
    const explain = sql.join([sql.raw(dialect() === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN '), query.getSQL()])
    plans.push(await planLines(explain))
  }
  return plans
}

async function planLines(explain: SQL): Promise<string[]> {
  const rows = await queryRows<Record<string, string>>(db(), explain)
  if (dialect() === 'sqlite') return rows.map((row) => String(row.detail))
  return rows.map((row) => row['QUERY PLAN'] ?? Object.values(row).join(' '))
}

/**
 * The plan steps that read a whole statement table rather than searching an index: none should appear for
 * any filter shape. (SQLite's plain `SCAN xapi_statements` walks the table in `seq` order, which is right only
 * when nothing filters it: the walk stops at the page's end. The test checks that shape separately.)
 */
export function fullScans(plan: string[]): string[] {
  return plan.filter((line) =>
    dialect() === 'sqlite' ? /^SCAN xapi_statement/.test(line.trim()) : /Seq Scan on xapi_statement/.test(line),
  )
}
