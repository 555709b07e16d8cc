import { and, asc, desc, eq, gt, gte, inArray, lt, type SQL } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { containsText } from '#app/lib/name-search.ts'
import type { AuditFilters } from './audit-filters.server.ts'
import type { AuditEvent } from './audit-log.server.ts'
import { startOfNextUkDay, startOfUkDay } from './audit-time.ts'
import { actionsIn, isAuditGroup } from './audit-words.server.ts'

// Reading the audit log, newest first. Pages are keyset pages on `seq` (the order entries were appended), so
// page 2,000 of a log a large import made costs what page 1 does; the CSV walks the same order in batches.

export const AUDIT_PAGE_SIZE = 50

function matching(filters: AuditFilters): SQL | undefined {
  const { auditEvents } = schema()
  const { action } = filters
  return and(
    action === undefined
      ? undefined
      : isAuditGroup(action)
        ? inArray(auditEvents.action, actionsIn(action))
        : eq(auditEvents.action, action),
    filters.who ? containsText(auditEvents.actorName, filters.who) : undefined,
    filters.subject ? containsText(auditEvents.subjectName, filters.subject) : undefined,
    filters.from ? gte(auditEvents.at, startOfUkDay(filters.from)) : undefined,
    filters.to ? lt(auditEvents.at, startOfNextUkDay(filters.to)) : undefined,
    filters.importRun ? eq(auditEvents.importRunId, filters.importRun) : undefined,
    filters.subjectId ? eq(auditEvents.subjectId, filters.subjectId) : undefined,
  )
}

async function anyMatching(where: SQL | undefined): Promise<boolean> {
  const { auditEvents } = schema()
  const [row] = await db().select({ seq: auditEvents.seq }).from(auditEvents).where(where).limit(1)
  return row !== undefined
}

export interface AuditPage {
  entries: AuditEvent[]
  /** Where "Older entries" starts (entries before this seq), or null on the last page. */
  olderBefore: number | null
  /** Where "Newer entries" starts (entries after this seq), or null on the first page. */
  newerAfter: number | null
}

/**
 * One page of matching entries, newest first: the newest (no cursor), those older than `before`, or the page
 * of those just newer than `after` (the way back).
 */
export async function auditPage({
  filters,
  before,
  after,
  limit = AUDIT_PAGE_SIZE,
}: {
  filters: AuditFilters
  before?: number
  after?: number
  limit?: number
}): Promise<AuditPage> {
  const { auditEvents } = schema()
  const where = matching(filters)
  let entries: AuditEvent[]
  let hasOlder: boolean
  let hasNewer: boolean
  if (after !== undefined) {
    const rows = await db()
      .select()
      .from(auditEvents)
      .where(and(where, gt(auditEvents.seq, after)))
      .orderBy(asc(auditEvents.seq))
      .limit(limit + 1)
    hasNewer = rows.length > limit
    entries = rows.slice(0, limit).reverse()
    const oldest = entries.at(-1)?.seq ?? after + 1
    hasOlder = await anyMatching(and(where, lt(auditEvents.seq, oldest)))
  } else {
    const rows = await db()
      .select()
      .from(auditEvents)
      .where(and(where, before === undefined ? undefined : lt(auditEvents.seq, before)))
      .orderBy(desc(auditEvents.seq))
      .limit(limit + 1)
    hasOlder = rows.length > limit
    entries = rows.slice(0, limit)
    const newest = entries[0]?.seq ?? (before === undefined ? undefined : before - 1)
    hasNewer = newest === undefined ? false : await anyMatching(and(where, gt(auditEvents.seq, newest)))
  }
  return {
    entries,
    olderBefore: hasOlder ? (entries.at(-1)?.seq ?? null) : null,
    newerAfter: hasNewer ? (entries[0]?.seq ?? null) : null,
  }
}

/** Every matching entry, newest first, read a batch at a time so that a long log is never held in memory. */
export async function* auditEntries({
  filters,
  batchSize = 1000,
}: {
  filters: AuditFilters
  batchSize?: number
}): AsyncGenerator<AuditEvent> {
  const { auditEvents } = schema()
  const where = matching(filters)
  let before: number | undefined
  for (;;) {
    const rows = await db()
      .select()
      .from(auditEvents)
      .where(and(where, before === undefined ? undefined : lt(auditEvents.seq, before)))
      .orderBy(desc(auditEvents.seq))
      .limit(batchSize)
    yield* rows
    const last = rows.at(-1)
    if (rows.length < batchSize || !last) return
    before = last.seq
  }
}

/** The staff import a filter names, to say on the page which one the list is limited to. */
export async function importRunFor({ importRunId }: { importRunId: string }) {
  const { importRuns } = schema()
  const [run] = await db()
    .select({ fileName: importRuns.fileName, createdAt: importRuns.createdAt })
    .from(importRuns)
    .where(eq(importRuns.id, importRunId))
  return run ?? null
}

/** The latest name recorded for a person or unit, to say on the page whose changes the list is limited to. */
export async function latestSubjectName({ subjectId }: { subjectId: string }): Promise<string | null> {
  const { auditEvents } = schema()
  const [row] = await db()
    .select({ name: auditEvents.subjectName })
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, subjectId))
    .orderBy(desc(auditEvents.seq))
    .limit(1)
  return row?.name ?? null
}
