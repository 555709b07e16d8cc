import { createHash } from 'node:crypto'
import { and, asc, eq, gt, type SQL } from 'drizzle-orm'
import { db, dialect, schema, transaction } from '#app/lib/db.server.ts'
import { XapiError } from '#app/lib/xapi/http/http.server.ts'

/*
 * The LRS's document store: State, Activity Profile and Agent Profile documents (xAPI Communication 2.2–2.7).
 * A document is the exact bytes a client sent plus its Content-Type, kept as base64. Its ETag is the SHA-1
 * hex of those bytes. Every write reads the current row and then changes it only if the row is still the
 * one it read (UPDATE … WHERE etag = read etag, or INSERT … ON CONFLICT DO NOTHING on the unique key); when
 * another request got there first the write is retried against the fresh row, so preconditions are always
 * judged against what is really stored and two writers with the same If-Match cannot both succeed.
 */

export type DocumentKind = 'state' | 'activity-profile' | 'agent-profile'

/** One document's address. Unused parts are '': activityId for agent profiles, agentKey for activity profiles, registration when none. */
export interface DocumentKey {
  kind: DocumentKind
  activityId: string
  agentKey: string
  registration: string
  documentId: string
}

/** An If-Match / If-None-Match header: `*`, or the entity tags it lists (quotes removed; weak tags keep their W/). */
export type EntityTagCondition = '*' | readonly string[]

export interface Preconditions {
  ifMatch?: EntityTagCondition | null
  ifNoneMatch?: EntityTagCondition | null
}

export interface StoredDocument {
  contentType: string
  content: Buffer
  /** SHA-1 hex of the content, unquoted. */
  etag: string
  updatedAt: Date
}

/** The ETag value the spec asks for: SHA-1 of the document's bytes, as lowercase hex. */
export function documentEtag(content: Uint8Array): string {
  return createHash('sha1').update(content).digest('hex')
}

/** Whether a Content-Type names JSON (parameters such as charset are ignored). */
export function isJsonContentType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

function keyCondition(key: DocumentKey): SQL {
  const t = schema().xapiDocuments
  return and(
    eq(t.kind, key.kind),
    eq(t.activityId, key.activityId),
    eq(t.agentKey, key.agentKey),
    eq(t.registration, key.registration),
    eq(t.documentId, key.documentId),
  ) as SQL
}

/**
 * The stored row, if any. Writers pass `lock`: on Postgres the row is then locked until the transaction ends,
 * so concurrent writers queue on it instead of retrying (SQLite transactions are serialised already).
 */
async function currentRow(key: DocumentKey, { lock = false }: { lock?: boolean } = {}) {
  const t = schema().xapiDocuments
  const query = db()
    .select({
      id: t.id,
      etag: t.etag,
      contentType: t.contentType,
      contentBase64: t.contentBase64,
      updatedAt: t.updatedAt,
    })
    .from(t)
    .where(keyCondition(key))
  const [row] = await (lock && dialect() === 'postgres' ? query.for('update') : query)
  return row ?? null
}

type CurrentRow = NonNullable<Awaited<ReturnType<typeof currentRow>>>

export async function readDocument({ key }: { key: DocumentKey }): Promise<StoredDocument | null> {
  const row = await currentRow(key)
  if (!row) return null
  return {
    contentType: row.contentType,
    content: Buffer.from(row.contentBase64, 'base64'),
    etag: row.etag,
    updatedAt: row.updatedAt,
  }
}

/**
 * The ids of the documents in one context, oldest id first by name, and when the newest of them changed.
 * For State, leaving out `registration` lists the ids under every registration (the spec's "[+ registration
 * if specified]"); `since` is exclusive.
 */
export async function listDocumentIds({
  kind,
  activityId = '',
  agentKey = '',
  registration,
  since,
}: {
  kind: DocumentKind
  activityId?: string
  agentKey?: string
  registration?: string
  since?: Date
}): Promise<{ ids: string[]; lastModified: Date | null }> {
  const t = schema().xapiDocuments
  const conditions: SQL[] = [eq(t.kind, kind), eq(t.activityId, activityId), eq(t.agentKey, agentKey)]
  if (registration !== undefined) conditions.push(eq(t.registration, registration))
  if (since) conditions.push(gt(t.updatedAt, since))
  const rows = await db()
    .select({ documentId: t.documentId, updatedAt: t.updatedAt })
    .from(t)
    .where(and(...conditions))
    .orderBy(asc(t.documentId))
  const ids = [...new Set(rows.map((row) => row.documentId))]
  const lastModified = rows.reduce<Date | null>(
    (latest, row) => (latest && latest >= row.updatedAt ? latest : row.updatedAt),
    null,
  )
  return { ids, lastModified }
}

/** Stores (replacing) a document. Profiles — and State under xAPI 2.0 — pass `requirePrecondition`: replacing without If-Match/If-None-Match is a 409. */
export async function putDocument({
  key,
  content,
  contentType,
  preconditions = {},
  requirePrecondition,
}: {
  key: DocumentKey
  content: Uint8Array
  contentType: string
  preconditions?: Preconditions
  requirePrecondition: boolean
}): Promise<void> {
  await writeDocument({ key, preconditions, requirePrecondition, next: () => ({ content, contentType }) })
}

/**
 * POST: stores the document when there is none; otherwise both documents must be JSON objects sent as
 * application/json, and the posted object's top-level properties replace or add to the stored one's.
 */
export async function mergeDocument({
  key,
  content,
  contentType,
  preconditions = {},
}: {
  key: DocumentKey
  content: Uint8Array
  contentType: string
  preconditions?: Preconditions
}): Promise<void> {
  await writeDocument({
    key,
    preconditions,
    requirePrecondition: false,
    next: (existing) => {
      if (!existing) return { content, contentType }
      if (!isJsonContentType(contentType)) {
        throw new XapiError(
          400,
          'a POST to an existing document merges JSON: send the document as application/json (or PUT to replace it)',
        )
      }
      if (!isJsonContentType(existing.contentType)) {
        throw new XapiError(
          400,
          `the stored document is ${existing.contentType}, not application/json, so it cannot be merged; PUT to replace it`,
        )
      }
      const posted = jsonObject(content)
      if (!posted) throw new XapiError(400, 'the posted document is not a JSON object, so it cannot be merged')
      const stored = jsonObject(Buffer.from(existing.contentBase64, 'base64'))
      if (!stored)
        throw new XapiError(400, 'the stored document is not a JSON object, so it cannot be merged; PUT to replace it')
      // Spread defines own properties, so even a "__proto__" key is copied as plain data.
      const merged = { ...stored, ...posted }
      return { content: Buffer.from(JSON.stringify(merged), 'utf8'), contentType: 'application/json' }
    },
  })
}

/** Deletes one document; deleting one that is not there succeeds unless a precondition says otherwise. */
export async function deleteDocument({
  key,
  preconditions = {},
}: {
  key: DocumentKey
  preconditions?: Preconditions
}): Promise<void> {
  const t = schema().xapiDocuments
  await changeCurrentRow(key, preconditions, async (existing) => {
    if (!existing) return true
    const deleted = await db()
      .delete(t)
      .where(and(eq(t.id, existing.id), eq(t.etag, existing.etag)))
      .returning({ id: t.id })
    return deleted.length > 0
  })
}

/** Deletes every State document for an activity and agent (under one registration when given). */
export async function deleteStates({
  activityId,
  agentKey,
  registration,
}: {
  activityId: string
  agentKey: string
  registration?: string
}): Promise<number> {
  const t = schema().xapiDocuments
  const conditions: SQL[] = [eq(t.kind, 'state'), eq(t.activityId, activityId), eq(t.agentKey, agentKey)]
  if (registration !== undefined) conditions.push(eq(t.registration, registration))
  return transaction(async () => {
    const deleted = await db()
      .delete(t)
      .where(and(...conditions))
      .returning({ id: t.id })
    return deleted.length
  })
}

// A retry means another request created or changed the document between our read and our write (the row lock
// makes that rare: only two requests creating the same document at once). Past a few, answer 409 rather than spin.
const MAX_ATTEMPTS = 5

/**
 * Reads the document's current row under lock, checks the preconditions against it, and lets `change` write;
 * `change` answers false when the row moved under it, and the whole read-check-write is tried again.
 */
async function changeCurrentRow(
  key: DocumentKey,
  preconditions: Preconditions,
  change: (existing: CurrentRow | null) => Promise<boolean>,
): Promise<void> {
  await transaction(async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await currentRow(key, { lock: true })
      checkPreconditions(existing, preconditions)
      if (await change(existing)) return
    }
    throw new XapiError(409, 'the document is being changed by other requests at the same moment; try again')
  })
}

async function writeDocument({
  key,
  preconditions,
  requirePrecondition,
  next,
}: {
  key: DocumentKey
  preconditions: Preconditions
  requirePrecondition: boolean
  next: (existing: CurrentRow | null) => { content: Uint8Array; contentType: string }
}): Promise<void> {
  const t = schema().xapiDocuments
  await changeCurrentRow(key, preconditions, async (existing) => {
    if (existing && requirePrecondition && !preconditions.ifMatch && !preconditions.ifNoneMatch) {
      throw new XapiError(
        409,
        'this document already exists: GET it to check its current contents and ETag, then send If-Match with that ETag to replace it ' +
          '(or If-None-Match: * to write only when no document exists)',
      )
    }
    const { content, contentType } = next(existing)
    const values = {
      contentType,
      contentBase64: Buffer.from(content).toString('base64'),
      etag: documentEtag(content),
      updatedAt: new Date(),
    }
    const written = existing
      ? await db()
          .update(t)
          .set(values)
          .where(and(eq(t.id, existing.id), eq(t.etag, existing.etag)))
          .returning({ id: t.id })
      : await db()
          .insert(t)
          .values({ ...key, ...values })
          .onConflictDoNothing()
          .returning({ id: t.id })
    return written.length > 0
  })
}

/** RFC 7232 as the xAPI spec asks: If-Match needs the current document's tag (or any document for `*`); If-None-Match the opposite. */
function checkPreconditions(existing: { etag: string } | null, { ifMatch, ifNoneMatch }: Preconditions) {
  if (ifMatch) {
    if (!existing) throw new XapiError(412, 'If-Match was sent but there is no such document')
    // If-Match uses the strong comparison: a weak tag never matches.
    if (ifMatch !== '*' && !ifMatch.includes(existing.etag)) {
      throw new XapiError(
        412,
        'the document has changed since you read it: If-Match does not match its current ETag (GET it again)',
      )
    }
  }
  if (ifNoneMatch && existing) {
    if (ifNoneMatch === '*') throw new XapiError(412, 'If-None-Match: * was sent but the document already exists')
    if (ifNoneMatch.some((tag) => tag.replace(/^W\//, '') === existing.etag)) {
      throw new XapiError(412, 'If-None-Match lists the current ETag of this document')
    }
  }
}

function jsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}
