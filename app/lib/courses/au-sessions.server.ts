import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import type { DelegatedAccess } from '#app/lib/xapi/http/delegated-credentials.server.ts'
import { XapiError } from '#app/lib/xapi/http/xapi-error.ts'
import { type AccountAgent, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'
import { auStatementsProblem, isCmi5Defined, type SessionFacts } from './au-rules.ts'
import { cmi5Extensions, cmi5Verbs, LAUNCH_DATA_STATE_ID } from './cmi5-vocabulary.ts'

// A launch session's secrets: the one-time fetch token in the launch URL, and the LRS key and secret the AU gets
// for it. Both are 32 random bytes, so a fast hash is enough to store them by (as for LRS clients' secrets).

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')
export const newSecret = () => randomBytes(32).toString('base64url')

/** The authority recorded on what launched content writes: never trusted as evidence (only the app is). */
export function contentAuthority(): AccountAgent {
  return {
    objectType: 'Agent',
    name: 'Third-party course content',
    account: { homePage: `${publicUrl}/course-launch`, name: 'course-content' },
  }
}

const AUTH_KEY_PREFIX = 'cmi5-'
export const newAuthKey = () => `${AUTH_KEY_PREFIX}${randomBytes(12).toString('hex')}`

/** The fetch URL a launch gives its AU (cmi5 8.1.5), and the token back out of one: null when it is not ours. */
export const fetchUrlFor = (token: string) => `${publicUrl}/course-fetch/${token}`
export function tokenOfFetchUrl(value: string | null): string | null {
  const prefix = fetchUrlFor('')
  if (!value?.startsWith(prefix)) return null
  const token = value.slice(prefix.length)
  return /^[A-Za-z0-9_-]+$/.test(token) ? token : null
}

export type FetchAnswer = { 'auth-token': string } | { 'error-code': '1' | '2'; 'error-text': string }

/**
 * Answers the fetch URL: the first call gets the AU's credentials (a new secret, of which only the hash is kept);
 * any later call, or one after the session ended, gets cmi5's error 1; an unknown token error 2. The update is
 * conditional on the token not having been used, so of two calls at once exactly one wins, on either database.
 */
export async function redeemFetchToken({ token }: { token: string }): Promise<FetchAnswer> {
  const { courseSessions } = schema()
  const secret = newSecret()
  const [won] = await db()
    .update(courseSessions)
    .set({ fetchedAt: new Date(), authSecretHash: hashSecret(secret) })
    .where(
      and(
        eq(courseSessions.fetchTokenHash, hashSecret(token)),
        isNull(courseSessions.fetchedAt),
        isNull(courseSessions.terminatedAt),
        isNull(courseSessions.abandonedAt),
      ),
    )
    .returning({ authKey: courseSessions.authKey })
  if (won) return { 'auth-token': Buffer.from(`${won.authKey}:${secret}`).toString('base64') }
  const [known] = await db()
    .select({ id: courseSessions.id })
    .from(courseSessions)
    .where(eq(courseSessions.fetchTokenHash, hashSecret(token)))
  return known
    ? {
        'error-code': '1',
        'error-text': 'The authorization token has already been given out, or the session has ended.',
      }
    : { 'error-code': '2', 'error-text': 'This fetch address is not recognised.' }
}

/**
 * The course of a launch whose fetch token can no longer be redeemed (given out already, or its session over),
 * or null when the token is unknown or still waiting for its one fetch.
 */
export async function spentFetchTokenCourse({ token }: { token: string }): Promise<string | null> {
  const { courseSessions, courseRegistrations } = schema()
  const [row] = await db()
    .select({ session: courseSessions, courseRowId: courseRegistrations.courseRowId })
    .from(courseSessions)
    .innerJoin(courseRegistrations, eq(courseRegistrations.registration, courseSessions.registration))
    .where(eq(courseSessions.fetchTokenHash, hashSecret(token)))
  if (!row) return null
  const { fetchedAt, terminatedAt, abandonedAt } = row.session
  return fetchedAt || terminatedAt || abandonedAt ? row.courseRowId : null
}

/** The LRS's resolver for AU credentials (registered from app/lib/install-effects.server.ts). */
export async function resolveAuCredentials({
  key,
  secret,
}: {
  key: string
  secret: string
}): Promise<DelegatedAccess | null> {
  if (!key.startsWith(AUTH_KEY_PREFIX)) return null
  const { courseSessions, courseRegistrations, courseAus, users } = schema()
  const [row] = await db()
    .select({
      session: courseSessions,
      au: { activityId: courseAus.activityId, auId: courseAus.auId, masteryScore: courseAus.masteryScore },
      user: { id: users.id, name: users.name },
    })
    .from(courseSessions)
    .innerJoin(courseRegistrations, eq(courseRegistrations.registration, courseSessions.registration))
    .innerJoin(courseAus, eq(courseAus.id, courseSessions.auRowId))
    .innerJoin(users, eq(users.id, courseRegistrations.userId))
    .where(eq(courseSessions.authKey, key))
  if (!row || row.session.fetchedAt === null) return null
  const expected = Buffer.from(row.session.authSecretHash, 'hex')
  const given = Buffer.from(hashSecret(secret), 'hex')
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  if (row.session.terminatedAt || row.session.abandonedAt)
    throw new XapiError(403, 'this course launch has ended: launch the unit again from the course page')
  const { session, au, user } = row
  const facts = () =>
    loadSessionFacts({
      sessionId: session.id,
      registration: session.registration,
      launchMode: session.launchMode,
      au,
    })
  return {
    purpose: 'this course launch',
    agent: learnerAgent({ publicUrl, user }),
    registration: session.registration,
    activityId: au.activityId,
    readOnlyStateIds: [LAUNCH_DATA_STATE_ID],
    authority: contentAuthority(),
    userId: user.id,
    async checkStatements(statements) {
      const problem = auStatementsProblem(statements, await facts())
      if (problem) throw new XapiError(403, `cmi5 does not allow this: ${problem}`)
    },
  }
}

/** What the AU has sent so far in this session and, for this AU, in the registration. */
async function loadSessionFacts({
  sessionId,
  registration,
  launchMode,
  au,
}: {
  sessionId: string
  registration: string
  launchMode: SessionFacts['launchMode']
  au: { activityId: string; auId: string; masteryScore: number | null }
}): Promise<SessionFacts> {
  const { xapiStatements } = schema()
  const rows = await db()
    .select({ statement: xapiStatements.statement, objectActivityId: xapiStatements.objectActivityId })
    .from(xapiStatements)
    .where(
      and(
        eq(xapiStatements.registration, registration),
        eq(xapiStatements.authorityKey, agentKey(contentAuthority())),
        eq(xapiStatements.isVoided, false),
      ),
    )
    .orderBy(asc(xapiStatements.seq))
  const facts: SessionFacts = {
    sessionId,
    activityId: au.activityId,
    publisherId: au.auId,
    launchMode,
    masteryScore: au.masteryScore,
    sessionVerbs: [],
    anyInSession: false,
    registrationVerbs: new Set(),
  }
  for (const { statement, objectActivityId } of rows) {
    const json = statement as Record<string, unknown>
    if (!isCmi5Defined(json)) {
      if (sessionOf(json) === sessionId) facts.anyInSession = true
      continue
    }
    const verb = String((json.verb as { id: unknown }).id)
    if (sessionOf(json) === sessionId) {
      facts.anyInSession = true
      facts.sessionVerbs.push(verb)
    }
    if (
      objectActivityId === au.activityId &&
      (verb === cmi5Verbs.completed || verb === cmi5Verbs.passed || verb === cmi5Verbs.failed)
    )
      facts.registrationVerbs.add(verb)
  }
  return facts
}

export function sessionOf(statement: Record<string, unknown>): unknown {
  const context = statement.context as { extensions?: Record<string, unknown> } | undefined
  return context?.extensions?.[cmi5Extensions.sessionId]
}
