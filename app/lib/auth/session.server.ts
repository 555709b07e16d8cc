import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { and, eq, lt } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { isProduction } from '#app/lib/env.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

// Sessions as the Lucia author now teaches them (docs/decisions/003-sessions-without-lucia.md):
// the cookie holds a random token, the database only its SHA-256.
export const SESSION_LIFETIME_MS = 30 * DAY_MS
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS
export const SESSION_COOKIE = 'session'
/** "This is a shared computer": the session ends after this long without a request, instead of lasting 30 days. */
export const SHARED_IDLE_TIMEOUT_MS = 15 * 60 * 1000
/** However busy a shared computer is, its sessions end after a shift's length. */
export const SHARED_SESSION_MAX_MS = 12 * 60 * 60 * 1000
/** A shared session's sliding expiry is written at most this often, not on every request. */
const SHARED_SLIDE_EVERY_MS = 60 * 1000

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/**
 * Starts a session. On a shared computer it ends after SHARED_IDLE_TIMEOUT_MS without use; the choice is kept on
 * the session's row, so every instance enforces it. `signInProvider` is the single sign-on provider used, if any.
 */
export async function createSession({
  userId,
  now = new Date(),
  shared = false,
  signInProvider = null,
}: {
  userId: string
  now?: Date
  shared?: boolean
  signInProvider?: string | null
}) {
  const token = generateSessionToken()
  const session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(now.getTime() + (shared ? SHARED_IDLE_TIMEOUT_MS : SESSION_LIFETIME_MS)),
    createdAt: now,
    idleTimeoutMs: shared ? SHARED_IDLE_TIMEOUT_MS : null,
    signInProvider,
  }
  const { sessions } = schema()
  await db().insert(sessions).values(session)
  // Sessions left to lapse are otherwise only removed when presented again: tidy this user's now.
  await db()
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)))
  return { token, session }
}

export type SessionValidation = Awaited<ReturnType<typeof validateSessionToken>>

/**
 * The session and its user, or null. A 30-day session's expiry is extended when less than half the lifetime is
 * left (`renewed`: send the cookie again). A shared computer's session slides its idle expiry on use, and ends
 * after SHARED_SESSION_MAX_MS however busy it is; its cookie has no expiry of its own, so it is not re-sent.
 */
export async function validateSessionToken({ token, now = new Date() }: { token: string; now?: Date }) {
  const { sessions, users } = schema()
  const sessionId = sessionIdFromToken(token)
  const [row] = await db()
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin },
      suspendedAt: users.suspendedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sessionId))
  if (!row) return null
  const { session, user, suspendedAt } = row
  const overShift =
    session.idleTimeoutMs !== null && now.getTime() >= session.createdAt.getTime() + SHARED_SESSION_MAX_MS
  if (suspendedAt || overShift || now.getTime() >= session.expiresAt.getTime()) {
    await db().delete(sessions).where(eq(sessions.id, sessionId))
    return null
  }
  if (session.idleTimeoutMs !== null) {
    const slid = new Date(now.getTime() + session.idleTimeoutMs)
    if (slid.getTime() - session.expiresAt.getTime() >= SHARED_SLIDE_EVERY_MS) {
      session.expiresAt = slid
      await db().update(sessions).set({ expiresAt: slid }).where(eq(sessions.id, sessionId))
    }
    return { session, user, renewed: false }
  }
  let renewed = false
  if (session.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS) {
    session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
    await db().update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, sessionId))
    renewed = true
  }
  return { session, user, renewed }
}

export async function invalidateSession({ sessionId }: { sessionId: string }) {
  const { sessions } = schema()
  await db().delete(sessions).where(eq(sessions.id, sessionId))
}

export async function invalidateUserSessions({ userId }: { userId: string }) {
  const { sessions } = schema()
  await db().delete(sessions).where(eq(sessions.userId, userId))
}

/**
 * The session's cookie. A shared computer's cookie has no expiry, so the browser forgets it when it closes (the
 * server ends the session after the idle time in any case).
 */
export function sessionCookie({
  token,
  expiresAt,
  shared = false,
}: {
  token: string
  expiresAt: Date
  shared?: boolean
}): string {
  const parts = [`${SESSION_COOKIE}=${token}`, 'HttpOnly', 'SameSite=Lax', 'Path=/']
  if (!shared) parts.push(`Expires=${expiresAt.toUTCString()}`)
  if (isProduction) parts.push('Secure')
  return parts.join('; ')
}

export function blankSessionCookie(): string {
  const parts = [`${SESSION_COOKIE}=`, 'HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=0']
  if (isProduction) parts.push('Secure')
  return parts.join('; ')
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const pair of header.split(';')) {
    const [name, ...rest] = pair.trim().split('=')
    if (name === SESSION_COOKIE) {
      const value = rest.join('=')
      return /^[a-z2-7]{32}$/.test(value) ? value : null
    }
  }
  return null
}
