import { and, asc, desc, eq, exists, gt, inArray, lt, lte, or, type SQL } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { DIRECT_ACTIVITY_RELATIONS, DIRECT_AGENT_RELATIONS } from '#app/lib/xapi/model/statement-index.ts'

export const MAX_PAGE_SIZE = 100

export interface StatementFilters {
  agentKey?: string
  relatedAgents?: boolean
  verb?: string
  activity?: string
  relatedActivities?: boolean
  registration?: string
  since?: Date
  until?: Date
  limit?: number
  ascending?: boolean
  /** Only statements stored with this authority (the `statements/read/mine` scope). */
  authorityKey?: string
  /** Paging: continue after this sequence number. */
  after?: number
}

/** One statement by id; a voided statement is found only when asked for as voided. */
export async function findStatement({ id, voided }: { id: string; voided: boolean }) {
  const { xapiStatements } = schema()
  const [row] = await db()
    .select({ statement: xapiStatements.statement, stored: xapiStatements.stored, isVoided: xapiStatements.isVoided })
    .from(xapiStatements)
    .where(eq(xapiStatements.id, id.toLowerCase()))
  if (!row || row.isVoided !== voided) return null
  return row
}

/** A page of statements matching the filters, newest first unless ascending; voided ones never appear. */
export async function queryStatements(filters: StatementFilters) {
  const { xapiStatements, xapiStatementAgents, xapiStatementActivities } = schema()
  // What a statement must be about (`matches`), and which of those to return now (`window`).
  const matches: SQL[] = []
  const window: SQL[] = [eq(xapiStatements.isVoided, false)]
  if (filters.verb) matches.push(eq(xapiStatements.verbId, filters.verb))
  if (filters.registration) matches.push(eq(xapiStatements.registration, filters.registration.toLowerCase()))
  if (filters.since) window.push(gt(xapiStatements.stored, filters.since))
  if (filters.until) window.push(lte(xapiStatements.stored, filters.until))
  if (filters.authorityKey) window.push(eq(xapiStatements.authorityKey, filters.authorityKey))
  if (filters.agentKey) {
    const relation = filters.relatedAgents ? [] : [inArray(xapiStatementAgents.relation, [...DIRECT_AGENT_RELATIONS])]
    matches.push(
      exists(
        db()
          .select({ seq: xapiStatementAgents.statementSeq })
          .from(xapiStatementAgents)
          .where(
            and(
              eq(xapiStatementAgents.agentKey, filters.agentKey),
              eq(xapiStatementAgents.statementSeq, xapiStatements.seq),
              ...relation,
            ),
          ),
      ),
    )
  }
  if (filters.activity) {
    const relation = filters.relatedActivities
      ? []
      : [inArray(xapiStatementActivities.relation, [...DIRECT_ACTIVITY_RELATIONS])]
    matches.push(
      exists(
        db()
          .select({ seq: xapiStatementActivities.statementSeq })
          .from(xapiStatementActivities)
          .where(
            and(
              eq(xapiStatementActivities.activityId, filters.activity),
              eq(xapiStatementActivities.statementSeq, xapiStatements.seq),
              ...relation,
            ),
          ),
      ),
    )
  }
  if (filters.after !== undefined) {
    window.push(filters.ascending ? gt(xapiStatements.seq, filters.after) : lt(xapiStatements.seq, filters.after))
  }
  // The spec's rule for StatementRefs: a statement that refers to a matching statement (a voiding
  // statement, say) matches too, even when the statement it refers to is voided.
  const conditions = [...window]
  if (matches.length > 0) {
    const matchingIds = db()
      .select({ id: xapiStatements.id })
      .from(xapiStatements)
      .where(and(...matches))
    const referring = inArray(xapiStatements.objectStatementId, matchingIds)
    conditions.push(or(and(...matches), referring) as SQL)
  }
  const pageSize = filters.limit && filters.limit > 0 ? Math.min(filters.limit, MAX_PAGE_SIZE) : MAX_PAGE_SIZE
  const rows = await db()
    .select({ seq: xapiStatements.seq, statement: xapiStatements.statement, stored: xapiStatements.stored })
    .from(xapiStatements)
    .where(and(...conditions))
    .orderBy(filters.ascending ? asc(xapiStatements.seq) : desc(xapiStatements.seq))
    .limit(pageSize + 1)
  const page = rows.slice(0, pageSize)
  const last = page.at(-1)
  return { statements: page, nextAfter: rows.length > pageSize && last ? last.seq : null }
}
