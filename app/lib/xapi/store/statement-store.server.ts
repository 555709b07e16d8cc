import { randomUUID } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { type Database, db, queryRows, schema, transaction } from '#app/lib/db.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { type AttachmentContent, storeAttachmentContent } from './attachments.server.ts'
import { statementsStored } from './statement-effects.server.ts'
import { indexStatementRefs } from './statement-ref-index.server.ts'
import { insertNewStatements, type NewStatement } from './statement-rows.server.ts'
import { isSameStatement } from '#app/lib/xapi/model/statement-equivalence.ts'
import { XapiError } from '#app/lib/xapi/http/http.server.ts'
import type { XapiVersion } from '#app/lib/xapi/model/version.ts'
import { indexStatement } from '#app/lib/xapi/model/statement-index.ts'
import { agentKey, isAnonymousGroup, type Statement } from '#app/lib/xapi/model/statement-schema.ts'
import { verbs } from '#app/lib/xapi/model/vocabulary.ts'

export const VOIDED_VERB = verbs.voided

type Json = Record<string, unknown>

export interface StoreOptions {
  statements: Json[]
  authority: Json
  version: XapiVersion
  clientId?: string | null
  userId?: string | null
  /** Attachment content sent with the batch, stored (once per SHA-2) in the same transaction. */
  attachments?: AttachmentContent[]
  /**
   * Run the effects installed for stored statements (./statement-effects.server.ts: the projections of
   * module attempts, competency evidence and self-ratings) in the same transaction: true unless said
   * otherwise. False only stores the statements, for bulk imports of past statements that are followed by
   * `npm run projections:rebuild` (which replays them all); until that rebuild the projections, and the
   * reports read from them, miss the imported statements. The benchmarks also use it to measure what
   * projecting costs.
   */
  project?: boolean
}

/**
 * Stores a batch of validated statements: all or nothing. Sets id, timestamp, stored, authority and
 * version; a repeated id with the same content is a no-op, with different content a 409; voiding marks
 * its target. Returns the ids in the order given.
 */
export async function storeStatements(options: StoreOptions): Promise<string[]> {
  const request = prepareStore(options)
  const [ids] = await transaction((tx) => writeStores(tx, [request], request.project))
  return ids as string[]
}

/** A request to store statements, checked as far as it can be without the database. */
export interface PreparedStore extends Required<Omit<StoreOptions, 'clientId' | 'userId'>> {
  clientId: string | null
  userId: string | null
  ids: string[]
  voidTargets: string[]
}

/** The checks that need no database: ids given or assigned, none twice, voiding statements refer to statements. */
export function prepareStore({
  statements,
  authority,
  version,
  clientId = null,
  userId = null,
  attachments = [],
  project = true,
}: StoreOptions): PreparedStore {
  const ids = statements.map((statement) =>
    typeof statement.id === 'string' ? statement.id.toLowerCase() : randomUUID(),
  )
  if (new Set(ids).size !== ids.length)
    throw new XapiError(400, 'statements: the batch contains the same statement id twice')
  const voidTargets = statements.flatMap((statement, index) => {
    if (!isVoiding(statement)) return []
    const object = statement.object as Json
    if (object.objectType !== 'StatementRef') {
      throw new XapiError(
        400,
        `statement${statements.length > 1 ? `s[${index}]` : ''}.object must be a StatementRef when the verb is voided`,
      )
    }
    return [String(object.id).toLowerCase()]
  })
  return { statements, authority, version, clientId, userId, attachments, project, ids, voidTargets }
}

/**
 * Two requests stored together would not give what storing them one after the other gives (the same id in
 * both, or one voiding the other's statement): the group is stored one request at a time instead.
 */
class RequestsInterfere extends Error {}

/**
 * Stores the requests in the caller's transaction as if each had been stored on its own, one after another
 * in the order given, but with one lock, one `stored` time and a few multi-row inserts for them all; the
 * effects see them as one batch. All or nothing: any request's error fails the lot (the caller falls back
 * to storing them one by one). Returns each request's ids.
 */
export async function writeStores(tx: Database, requests: PreparedStore[], project: boolean): Promise<string[][]> {
  if (requests.length > 1) {
    const owner = new Map<string, number>()
    for (const [index, request] of requests.entries()) {
      for (const id of request.ids) {
        if (owner.has(id)) throw new RequestsInterfere(`statement ${id} is in two requests`)
        owner.set(id, index)
      }
    }
    for (const [index, request] of requests.entries()) {
      for (const target of request.voidTargets) {
        const other = owner.get(target)
        if (other !== undefined && other !== index)
          throw new RequestsInterfere(`statement ${target} is voided by another request in the group`)
      }
    }
  }
  const voidTargets = requests.flatMap((request) => request.voidTargets)

  const { xapiStatements, xapiActivities } = schema()
  // Stored times must never go backwards in insertion order, across instances too. Both queries are sent at
  // once (one round trip on PostgreSQL); the connection runs them in order, so the latest stored time is read
  // only once the lock is held.
  const [, stored] = await Promise.all([lockStatementWrites(tx), notBeforeLatestStored(tx)])

  if (voidTargets.length > 0) {
    const targets = await tx
      .select({ id: xapiStatements.id, verbId: xapiStatements.verbId })
      .from(xapiStatements)
      .where(inArray(xapiStatements.id, voidTargets))
    const voidingTarget = targets.find((target) => target.verbId === VOIDED_VERB)
    if (voidingTarget)
      throw new XapiError(400, `statement ${voidingTarget.id} is itself a voiding statement and cannot be voided`)
  }

  const candidates: (NewStatement & { sent: Json })[] = []
  for (const request of requests) {
    const { authority, version, clientId, userId } = request
    const authorityKey = agentKey(authority as Parameters<typeof agentKey>[0])
    for (const [index, statement] of request.statements.entries()) {
      const id = request.ids[index] as string
      const full: Json = {
        ...statement,
        id,
        timestamp: statement.timestamp ?? stored.toISOString(),
        stored: stored.toISOString(),
        authority,
        version: statement.version ?? (version === '2.0.0' ? '2.0.0' : '1.0.0'),
      }
      const object = statement.object as Json
      const objectType = object.objectType ?? 'Activity'
      const context = statement.context as Json | undefined
      candidates.push({
        sent: statement,
        index: indexStatement(full),
        row: {
          id,
          statement: full,
          actorKey: actorKeyOf(statement.actor as Parameters<typeof agentKey>[0]),
          verbId: String((statement.verb as Json).id),
          objectActivityId: objectType === 'Activity' ? String(object.id) : null,
          objectStatementId: objectType === 'StatementRef' ? String(object.id).toLowerCase() : null,
          registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
          timestamp: new Date(String(full.timestamp)),
          stored,
          authorityKey,
          clientId,
          userId,
        },
      })
    }
  }

  // A statement already stored is not stored again: the same content is a no-op, different content a conflict.
  const { seqById, earlierReferrers } = await insertNewStatements(tx, candidates)
  const repeated = candidates.filter(({ row }) => !seqById.has(row.id))
  for (const chunk of chunks(repeated, 500)) {
    const previous = await tx
      .select({ id: xapiStatements.id, statement: xapiStatements.statement })
      .from(xapiStatements)
      .where(
        inArray(
          xapiStatements.id,
          chunk.map(({ row }) => row.id),
        ),
      )
    const previousById = new Map(previous.map((row) => [row.id, row.statement]))
    for (const { row, sent } of chunk) {
      const earlier = previousById.get(row.id)
      if (!earlier || !isSameStatement(earlier, sent))
        throw new XapiError(409, `statement ${row.id} already exists with different content`)
    }
  }
  const inserted = candidates.flatMap(({ row }) => {
    const seq = seqById.get(row.id)
    return seq === undefined
      ? []
      : [
          {
            seq,
            id: row.id,
            objectStatementId: row.objectStatementId,
            verbId: row.verbId,
            registration: row.registration,
            statement: row.statement as Json,
          },
        ]
  })

  await indexStatementRefs(tx, inserted, earlierReferrers)

  // Activity definitions: the newest wins, names and descriptions gather languages (in statement order).
  const definitions = new Map<string, Json>()
  for (const { statement } of inserted) {
    const object = statement.object as Json
    if ((object.objectType ?? 'Activity') !== 'Activity' || !object.definition) continue
    const activityId = String(object.id)
    definitions.set(activityId, mergeDefinitions(definitions.get(activityId), object.definition as Json))
  }
  if (definitions.size > 0) {
    const known = await tx
      .select()
      .from(xapiActivities)
      .where(inArray(xapiActivities.id, [...definitions.keys()]))
    const knownById = new Map(known.map((row) => [row.id, row.definition as Json]))
    const merged = [...definitions].map(([id, definition]) => ({
      id,
      definition: mergeDefinitions(knownById.get(id), definition),
      updatedAt: stored,
    }))
    for (const chunk of chunks(merged, 200)) {
      await tx
        .insert(xapiActivities)
        .values(chunk)
        .onConflictDoUpdate({
          target: xapiActivities.id,
          set: { definition: sql.raw('excluded.definition'), updatedAt: sql.raw('excluded.updated_at') },
        })
    }
  }

  const voided = inserted
    .filter(({ statement }) => isVoiding(statement))
    .map(({ statement }) => String((statement.object as Json).id).toLowerCase())
  if (voided.length > 0)
    await tx.update(xapiStatements).set({ isVoided: true }).where(inArray(xapiStatements.id, voided))
  if (project) {
    await statementsStored.run({
      // Each was validated against the statement schema on the way in (or built by the app's own builders
      // to that shape) and is now complete, so it is read as the schema's type.
      inserted: inserted.map(({ seq, statement }) => ({ seq, statement: statement as Statement })),
      voidedIds: voided,
    })
  }
  await storeAttachmentContent(tx, uniqueAttachments(requests.flatMap((request) => request.attachments)))
  return requests.map((request) => request.ids)
}

/** The same content sent with two requests of a group is stored once. */
function uniqueAttachments(attachments: AttachmentContent[]): AttachmentContent[] {
  return [...new Map(attachments.map((attachment) => [attachment.sha2, attachment])).values()]
}

/** The newest definition wins, but names and descriptions gather every language they have been given in. */
function mergeDefinitions(previous: Json | undefined, latest: Json): Json {
  if (!previous) return latest
  const merged: Json = { ...previous, ...latest }
  for (const key of ['name', 'description']) {
    if (previous[key] || latest[key])
      merged[key] = { ...(previous[key] as Json | undefined), ...(latest[key] as Json | undefined) }
  }
  return merged
}

/** Anonymous groups have no identifier of their own: key them by their members. */
function actorKeyOf(actor: Parameters<typeof agentKey>[0]): string {
  if (!isAnonymousGroup(actor)) return agentKey(actor)
  const members = ((actor as { member?: Parameters<typeof agentKey>[0][] }).member ?? []).map(agentKey).sort()
  return `group:[${members.join(',')}]`
}

function isVoiding(statement: Json): boolean {
  return (statement.verb as Json | undefined)?.id === VOIDED_VERB
}

/** Now, or the latest `stored` time if the clock is behind it: stored times never go backwards. */
async function notBeforeLatestStored(executor: Database): Promise<Date> {
  const [latest] = await queryRows<{ stored: string | number | Date | null }>(
    executor,
    sql`select max(stored) as stored from xapi_statements`,
    { keepPrepared: true },
  )
  const latestMs = latest?.stored ? new Date(latest.stored).getTime() : 0
  return new Date(Math.max(Date.now(), latestMs))
}

/** For X-Experience-API-Consistent-Through: every statement stored so far is visible to queries. */
export function consistentThrough(): Promise<Date> {
  return notBeforeLatestStored(db())
}
