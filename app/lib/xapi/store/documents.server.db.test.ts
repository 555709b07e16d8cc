import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import {
  deleteDocument,
  deleteStates,
  type DocumentKey,
  listDocumentIds,
  mergeDocument,
  putDocument,
  readDocument,
} from './documents.server.ts'
import { XapiError } from '#app/lib/xapi/http/http.server.ts'

const json = (value: unknown) => Buffer.from(JSON.stringify(value))
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex')

function stateKey(overrides: Partial<DocumentKey> = {}): DocumentKey {
  return {
    kind: 'state',
    activityId: `https://example.test/activities/${randomUUID()}`,
    agentKey: `mbox|mailto:${randomUUID()}@example.test`,
    registration: '',
    documentId: 'bookmark',
    ...overrides,
  }
}

function profileKey(): DocumentKey {
  return {
    kind: 'activity-profile',
    activityId: `https://example.test/activities/${randomUUID()}`,
    agentKey: '',
    registration: '',
    documentId: 'p',
  }
}

async function readJson(key: DocumentKey) {
  const document = await readDocument({ key })
  return document ? (JSON.parse(document.content.toString('utf8')) as unknown) : null
}

async function rejection(promise: Promise<unknown>): Promise<XapiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof XapiError)) throw new Error(`expected an XapiError, got ${String(error)}`)
  return error
}

describe('the document store', () => {
  test('keeps the exact bytes and content type, with the SHA-1 of the bytes as the ETag', async () => {
    const key = stateKey()
    const bytes = randomBytes(4096)
    await putDocument({ key, content: bytes, contentType: 'image/png', requirePrecondition: false })
    const stored = await readDocument({ key })
    expect(stored?.contentType).toBe('image/png')
    expect(stored?.content.equals(bytes)).toBe(true)
    expect(stored?.etag).toBe(sha1(bytes))
    expect(stored?.updatedAt).toBeInstanceOf(Date)
  })

  test('answers null for a document that is not there', async () => {
    expect(await readDocument({ key: stateKey() })).toBeNull()
  })

  test('POST stores a new document as sent, then merges top-level properties of JSON objects', async () => {
    const key = stateKey()
    await mergeDocument({ key, content: json({ a: 1, nested: { x: 1 } }), contentType: 'application/json' })
    await mergeDocument({
      key,
      content: json({ nested: { y: 2 }, b: 'two' }),
      contentType: 'application/json; charset=utf-8',
    })
    expect(await readJson(key)).toEqual({ a: 1, nested: { y: 2 }, b: 'two' })
    expect((await readDocument({ key }))?.contentType).toBe('application/json')
  })

  test('refuses to merge when either side is not a JSON object, and leaves the document alone', async () => {
    const key = stateKey()
    await putDocument({
      key,
      content: Buffer.from('plain words'),
      contentType: 'text/plain',
      requirePrecondition: false,
    })
    const ontoText = await rejection(mergeDocument({ key, content: json({ a: 1 }), contentType: 'application/json' }))
    expect(ontoText.status).toBe(400)
    expect(ontoText.message).toMatch(/text\/plain/)
    expect((await readDocument({ key }))?.content.toString()).toBe('plain words')

    const jsonKey = stateKey()
    await putDocument({
      key: jsonKey,
      content: json({ a: 1 }),
      contentType: 'application/json',
      requirePrecondition: false,
    })
    for (const [content, contentType] of [
      [Buffer.from('abc'), 'text/plain'],
      [json([1, 2]), 'application/json'],
      [Buffer.from('{"a": '), 'application/json'],
    ] as const) {
      expect((await rejection(mergeDocument({ key: jsonKey, content, contentType }))).status).toBe(400)
    }
    expect(await readJson(jsonKey)).toEqual({ a: 1 })
  })

  test('judges If-Match and If-None-Match against the stored ETag', async () => {
    const key = profileKey()
    await putDocument({
      key,
      content: json({ v: 1 }),
      contentType: 'application/json',
      preconditions: { ifNoneMatch: '*' },
      requirePrecondition: true,
    })
    const etag = (await readDocument({ key }))?.etag ?? ''

    const replaceBlindly = putDocument({
      key,
      content: json({ v: 2 }),
      contentType: 'application/json',
      requirePrecondition: true,
    })
    const conflict = await rejection(replaceBlindly)
    expect(conflict.status).toBe(409)
    expect(conflict.message).toMatch(/If-Match/)

    const stale = putDocument({
      key,
      content: json({ v: 2 }),
      contentType: 'application/json',
      preconditions: { ifMatch: ['0'.repeat(40)] },
      requirePrecondition: true,
    })
    expect((await rejection(stale)).status).toBe(412)
    const exists = putDocument({
      key,
      content: json({ v: 2 }),
      contentType: 'application/json',
      preconditions: { ifNoneMatch: '*' },
      requirePrecondition: true,
    })
    expect((await rejection(exists)).status).toBe(412)
    expect(await readJson(key)).toEqual({ v: 1 })

    await putDocument({
      key,
      content: json({ v: 2 }),
      contentType: 'application/json',
      preconditions: { ifMatch: [etag] },
      requirePrecondition: true,
    })
    expect(await readJson(key)).toEqual({ v: 2 })

    const missing = putDocument({
      key: profileKey(),
      content: json({}),
      contentType: 'application/json',
      preconditions: { ifMatch: '*' },
      requirePrecondition: true,
    })
    expect((await rejection(missing)).status).toBe(412)
  })

  test('lets only one of two simultaneous writes with the same If-Match succeed', async () => {
    const key = profileKey()
    await putDocument({ key, content: json({ v: 0 }), contentType: 'application/json', requirePrecondition: true })
    const etag = (await readDocument({ key }))?.etag ?? ''
    const results = await Promise.allSettled(
      [1, 2, 3].map((v) =>
        putDocument({
          key,
          content: json({ v }),
          contentType: 'application/json',
          preconditions: { ifMatch: [etag] },
          requirePrecondition: true,
        }),
      ),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as XapiError] : []))
    expect(refused.map((error) => error.status)).toEqual([412, 412])
  })

  test('loses no property when many merges arrive at once', async () => {
    const key = stateKey()
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        mergeDocument({ key, content: json({ [`k${i}`]: i }), contentType: 'application/json' }),
      ),
    )
    expect(await readJson(key)).toEqual(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i])))
  })

  test('creates a missing document once when two requests race to create it', async () => {
    const key = profileKey()
    const results = await Promise.allSettled(
      ['first', 'second'].map((v) =>
        putDocument({
          key,
          content: json({ v }),
          contentType: 'application/json',
          preconditions: { ifNoneMatch: '*' },
          requirePrecondition: true,
        }),
      ),
    )
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
  })

  test('keeps states apart by registration, lists ids (since is exclusive) and deletes one or all', async () => {
    const base = stateKey()
    const registration = randomUUID()
    await putDocument({
      key: { ...base, documentId: 'a' },
      content: json({ n: 1 }),
      contentType: 'application/json',
      requirePrecondition: false,
    })
    await putDocument({
      key: { ...base, documentId: 'a', registration },
      content: json({ n: 2 }),
      contentType: 'application/json',
      requirePrecondition: false,
    })
    await new Promise((resolve) => setTimeout(resolve, 5))
    const between = new Date()
    await new Promise((resolve) => setTimeout(resolve, 5))
    await putDocument({
      key: { ...base, documentId: 'b', registration },
      content: json({ n: 3 }),
      contentType: 'application/json',
      requirePrecondition: false,
    })

    expect(await readJson({ ...base, documentId: 'a' })).toEqual({ n: 1 })
    expect(await readJson({ ...base, documentId: 'a', registration })).toEqual({ n: 2 })

    const context = { kind: 'state' as const, activityId: base.activityId, agentKey: base.agentKey }
    expect((await listDocumentIds(context)).ids).toEqual(['a', 'b'])
    expect((await listDocumentIds({ ...context, registration: '' })).ids).toEqual(['a'])
    const recent = await listDocumentIds({ ...context, since: between })
    expect(recent.ids).toEqual(['b'])
    expect(recent.lastModified?.getTime()).toBeGreaterThan(between.getTime())
    expect(await listDocumentIds({ ...context, since: new Date() })).toEqual({ ids: [], lastModified: null })

    await deleteDocument({ key: { ...base, documentId: 'a', registration } })
    expect(await readDocument({ key: { ...base, documentId: 'a', registration } })).toBeNull()
    expect(await readJson({ ...base, documentId: 'a' })).toEqual({ n: 1 })

    expect(await deleteStates({ activityId: base.activityId, agentKey: base.agentKey, registration })).toBe(1)
    expect((await listDocumentIds(context)).ids).toEqual(['a'])
    expect(await deleteStates({ activityId: base.activityId, agentKey: base.agentKey })).toBe(1)
    expect((await listDocumentIds(context)).ids).toEqual([])
  })

  test('deletes only when If-Match still matches', async () => {
    const key = profileKey()
    await putDocument({ key, content: json({ v: 1 }), contentType: 'application/json', requirePrecondition: true })
    expect((await rejection(deleteDocument({ key, preconditions: { ifMatch: ['1234'] } }))).status).toBe(412)
    const etag = (await readDocument({ key }))?.etag ?? ''
    await deleteDocument({ key, preconditions: { ifMatch: [etag] } })
    expect(await readDocument({ key })).toBeNull()
    await deleteDocument({ key })
  })
})
