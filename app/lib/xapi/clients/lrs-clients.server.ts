import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'

export { LRS_SCOPES, lrsScopeSchema, type LrsScope } from './lrs-scopes.ts'
import type { LrsScope } from './lrs-scopes.ts'
import { verifiedClients } from './verified-clients.ts'

export type LrsClient = ReturnType<typeof schema>['lrsClients']['$inferSelect']

// Secrets are 32 random bytes, so a fast hash is enough: there is nothing to guess from a dictionary.
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

/** Issues a key and secret for a third-party system. The secret is shown once and stored only hashed. */
export async function createLrsClient({
  name,
  scopes,
  trustedForEvidence = false,
}: {
  name: string
  scopes: LrsScope[]
  trustedForEvidence?: boolean
}) {
  const key = randomBytes(12).toString('hex')
  const secret = randomBytes(32).toString('base64url')
  const { lrsClients } = schema()
  const [client] = await db()
    .insert(lrsClients)
    .values({ name, key, secretHash: hashSecret(secret), scopes, trustedForEvidence })
    .returning()
  if (!client) throw new Error('insert returned no client')
  return { client, key, secret }
}

// Shared through globalThis: the server entry and the Remix build each load their own copy of this module.
const cacheKey = Symbol.for('skills-platform.verified-lrs-clients')
const recent = ((globalThis as Record<symbol, unknown>)[cacheKey] ??= verifiedClients<LrsClient>()) as ReturnType<
  typeof verifiedClients<LrsClient>
>

export async function findClientByCredentials({
  key,
  secret,
}: {
  key: string
  secret: string
}): Promise<LrsClient | null> {
  const { lrsClients } = schema()
  let client = recent.get(key)
  if (!client) {
    ;[client] = await db()
      .select()
      .from(lrsClients)
      .where(and(eq(lrsClients.key, key), isNull(lrsClients.disabledAt)))
    if (!client) return null
  }
  const expected = Buffer.from(client.secretHash, 'hex')
  const given = Buffer.from(hashSecret(secret), 'hex')
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  recent.remember(key, client)
  return client
}

export async function listLrsClients() {
  const { lrsClients } = schema()
  return db()
    .select({
      id: lrsClients.id,
      name: lrsClients.name,
      key: lrsClients.key,
      scopes: lrsClients.scopes,
      trustedForEvidence: lrsClients.trustedForEvidence,
      createdAt: lrsClients.createdAt,
      disabledAt: lrsClients.disabledAt,
    })
    .from(lrsClients)
    .orderBy(asc(lrsClients.name))
}

export async function disableLrsClient({ id }: { id: string }) {
  const { lrsClients } = schema()
  await db().update(lrsClients).set({ disabledAt: new Date() }).where(eq(lrsClients.id, id))
  recent.forget(id)
}
