import { and, type AnyColumn, asc, desc, eq, gt, inArray, like, lt, lte, notLike, sql, type SQL } from 'drizzle-orm'
import { db, dialect, schema, transaction } from '#app/lib/db.server.ts'
import { DIRECT_ACTIVITY_RELATIONS, DIRECT_AGENT_RELATIONS } from '#app/lib/xapi/model/statement-index.ts'
import { REF_RELATION_PREFIX } from './statement-ref-index.server.ts'

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

/**
 * A page of statements matching the filters, newest first unless ascending; voided ones never appear.
 *
 * Two index-driven queries, merged by `seq` (docs/decisions/016-lrs-at-scale.md): the statements that match
 * themselves, and the statements that refer to a matching one (the spec's StatementRef rule), found through
 * the entries a referring statement is given from its target (./statement-ref-index.server.ts). Each walks an
 * index in `seq` order and stops at the page's end; `seq` order is `stored` order, because statements are
 * stored one transaction at a time under the statement write lock, with `stored` never going backwards.
 */
export async function queryStatements(filters: StatementFilters) {
  const pageSize = pageSizeOf(filters)
  const bySeq = new Map((await runQueries(filters)).flat().map((row) => [row.seq, row]))
  const rows = [...bySeq.values()].sort((a, b) => (filters.ascending ? a.seq - b.seq : b.seq - a.seq))
  const page = rows.slice(0, pageSize)
  const last = page.at(-1)
  return { statements: page, nextAfter: rows.length > pageSize && last ? last.seq : null }
}

async function runQueries(filters: StatementFilters) {
  if (dialect() !== 'postgres' || !drivenByPostings(filters)) return Promise.all(await statementQueries(filters))
  // The walk of a busy activity's postings stops after a page, but PostgreSQL costs it as if it read them all
  // and hands it to parallel workers, whose start alone takes longer than the walk.
  return transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`)
    const results = []
    for (const query of await statementQueries(filters)) results.push(await query)
    return results
  })
}

/** Related activities with no other filter on what statements are about: the activity's postings drive the page. */
const drivenByPostings = (filters: StatementFilters) =>
  Boolean(filters.activity && filters.relatedActivities && !filters.agentKey && !filters.verb && !filters.registration)

const pageSizeOf = (filters: StatementFilters) =>
  filters.limit && filters.limit > 0 ? Math.min(filters.limit, MAX_PAGE_SIZE) : MAX_PAGE_SIZE

/**
 * The queries (not yet run) whose results, merged by `seq`, are the page: the statements matching on their own
 * account and, when the filters say what a statement is about, those matching through a StatementRef.
 * Exported for the query-plan checks (./statement-query-plan.server.ts).
 */
export async function statementQueries(filters: StatementFilters) {
  const size = pageSizeOf(filters) + 1
  const window = await windowConditions(filters)
  if (!window) return []
  const direct = matchConditions(filters, 'direct')
  const queries = [
    pageOf({ conditions: [...window.conditions, ...direct.conditions], drive: direct.drive, filters, window, size }),
  ]
  // Without a filter on what a statement is about every statement matches itself: no second query.
  if (direct.conditions.length > 0 || direct.drive) {
    const viaRef = matchConditions(filters, 'ref')
    queries.push(
      pageOf({ conditions: [...window.conditions, ...viaRef.conditions], drive: viaRef.drive, filters, window, size }),
    )
  }
  return queries
}

function pageOf({
  conditions,
  drive,
  filters,
  window,
  size,
}: {
  conditions: SQL[]
  drive: SQL | undefined
  filters: StatementFilters
  window: Window
  size: number
}) {
  const { xapiStatements, xapiStatementActivities } = schema()
  const order = filters.ascending ? asc(xapiStatements.seq) : desc(xapiStatements.seq)
  const columns = { seq: xapiStatements.seq, statement: xapiStatements.statement, stored: xapiStatements.stored }
  if (!drive)
    return db()
      .select(columns)
      .from(xapiStatements)
      .where(and(...conditions))
      .orderBy(order)
      .limit(size)
  // The activity's postings in `seq` order, each statement once (a statement may name the activity in several
  // relations), joined to their statements: the walk stops at the page's end. Within `seq IN (…)` PostgreSQL
  // de-duplicates every posting of a busy activity with a hash and sorts what it fetches.
  const postingSeq = xapiStatementActivities.statementSeq
  const postings = db()
    .selectDistinct({ seq: postingSeq })
    .from(xapiStatementActivities)
    .where(and(drive, ...window.seqBounds(postingSeq)))
    .orderBy(filters.ascending ? asc(postingSeq) : desc(postingSeq))
    .as('postings')
  return db()
    .select(columns)
    .from(postings)
    .innerJoin(xapiStatements, eq(xapiStatements.seq, postings.seq))
    .where(and(...conditions))
    .orderBy(order)
    .limit(size)
}

/**
 * What a statement must be about, on its own account (`direct`) or through the statement it refers to
 * (`ref`). Agents and activities are `seq IN (postings)`: a walk of the posting table's primary key
 * (key, seq, relation), which is already in `seq` order.
 */
function matchConditions(
  filters: StatementFilters,
  via: 'direct' | 'ref',
): { conditions: SQL[]; drive: SQL | undefined } {
  const { xapiStatements, xapiStatementAgents, xapiStatementActivities } = schema()
  const prefix = via === 'ref' ? REF_RELATION_PREFIX : ''
  const conditions: SQL[] = []
  if (filters.verb) conditions.push(eq(via === 'ref' ? xapiStatements.refVerbId : xapiStatements.verbId, filters.verb))
  if (filters.registration) {
    const registration = filters.registration.toLowerCase()
    conditions.push(eq(via === 'ref' ? xapiStatements.refRegistration : xapiStatements.registration, registration))
  }
  const relations = (related: boolean | undefined, column: AnyColumn, direct: readonly string[]) =>
    related
      ? via === 'ref'
        ? like(column, `${REF_RELATION_PREFIX}%`)
        : notLike(column, `${REF_RELATION_PREFIX}%`)
      : inArray(
          column,
          direct.map((relation) => `${prefix}${relation}`),
        )
  if (filters.agentKey) {
    const postings = db()
      .select({ seq: xapiStatementAgents.statementSeq })
      .from(xapiStatementAgents)
      .where(
        and(
          eq(xapiStatementAgents.agentKey, filters.agentKey),
          relations(filters.relatedAgents, xapiStatementAgents.relation, DIRECT_AGENT_RELATIONS),
        ),
      )
    conditions.push(inArray(xapiStatements.seq, postings))
  }
  let drive: SQL | undefined
  if (filters.activity) {
    const matching = and(
      eq(xapiStatementActivities.activityId, filters.activity),
      relations(filters.relatedActivities, xapiStatementActivities.relation, DIRECT_ACTIVITY_RELATIONS),
    ) as SQL
    // Related activities alone (a module every question names as parent has thousands of postings): the page
    // is driven by the postings. Otherwise the other filter, or the few direct postings, do well as `IN`.
    if (drivenByPostings(filters)) drive = matching
    else
      conditions.push(
        inArray(
          xapiStatements.seq,
          db().select({ seq: xapiStatementActivities.statementSeq }).from(xapiStatementActivities).where(matching),
        ),
      )
  }
  return { conditions, drive }
}

/**
 * Which statements to return now: not voided, within since/until, after the cursor, written by the caller
 * when it may read only its own. since/until become `seq` bounds too (one step down the `(stored, seq)`
 * index each), so that a query walking another index in `seq` order stops where the time range ends.
 * Null when nothing can match (until is before the first statement).
 */
interface Window {
  conditions: SQL[]
  /** The window's `seq` bounds on another column holding a statement's `seq` (a posting's). */
  seqBounds: (column: AnyColumn) => SQL[]
}

async function windowConditions(filters: StatementFilters): Promise<Window | null> {
  const { xapiStatements } = schema()
  const conditions: SQL[] = [eq(xapiStatements.isVoided, false)]
  const bounds: ((column: AnyColumn) => SQL)[] = []
  if (filters.since) {
    conditions.push(gt(xapiStatements.stored, filters.since))
    const from = (await lastSeqStoredBy(filters.since)) ?? 0
    bounds.push((column) => gt(column, from))
  }
  if (filters.until) {
    conditions.push(lte(xapiStatements.stored, filters.until))
    const through = await lastSeqStoredBy(filters.until)
    if (through === null) return null
    bounds.push((column) => lte(column, through))
  }
  if (filters.authorityKey) conditions.push(eq(xapiStatements.authorityKey, filters.authorityKey))
  const { after } = filters
  if (after !== undefined) bounds.push((column) => (filters.ascending ? gt(column, after) : lt(column, after)))
  conditions.push(...bounds.map((bound) => bound(xapiStatements.seq)))
  return { conditions, seqBounds: (column) => bounds.map((bound) => bound(column)) }
}

/** The last statement stored at or before this time. */
async function lastSeqStoredBy(time: Date): Promise<number | null> {
  const { xapiStatements } = schema()
  const [row] = await db()
    .select({ seq: xapiStatements.seq })
    .from(xapiStatements)
    .where(lte(xapiStatements.stored, time))
    .orderBy(desc(xapiStatements.stored), desc(xapiStatements.seq))
    .limit(1)
  return row?.seq ?? null
}
