import { createHmac } from 'node:crypto'
import { and, count, eq, gte, inArray, lt } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { sessionSecret } from '#app/lib/env.server.ts'

// Attempts live in the database, not in memory, so every app instance sees the same counts. The table is
// called sign_in_failures because sign-in came first; it holds any counted attempt, each key starting with
// what was attempted (`account:`, `ip:` for failed sign-ins; `reset-account:`, `reset-ip:` for reset links).

/** A key and the most attempts it may have within the window. */
export interface Limit {
  key: string
  max: number
}

/** Addresses are personal data: the table keeps only a keyed hash of them. */
export function addressHash(ip: string): string {
  return createHmac('sha256', sessionSecret).update(ip).digest('hex').slice(0, 32)
}

/** The keys among `limits` that already have `max` attempts within the window before `now`. */
export async function reachedLimits({
  limits,
  windowMs,
  now = new Date(),
}: {
  limits: Limit[]
  windowMs: number
  now?: Date
}): Promise<string[]> {
  if (limits.length === 0) return []
  const { signInFailures } = schema()
  const since = new Date(now.getTime() - windowMs)
  const rows = await db()
    .select({ key: signInFailures.key, attempts: count() })
    .from(signInFailures)
    .where(
      and(
        inArray(
          signInFailures.key,
          limits.map((limit) => limit.key),
        ),
        gte(signInFailures.occurredAt, since),
      ),
    )
    .groupBy(signInFailures.key)
  const counted = new Map(rows.map((row) => [row.key, row.attempts]))
  return limits.filter((limit) => (counted.get(limit.key) ?? 0) >= limit.max).map((limit) => limit.key)
}

/** Counts one attempt against each key, and forgets those keys' attempts older than the window. */
export async function recordAttempt({
  keys,
  windowMs,
  now = new Date(),
}: {
  keys: string[]
  windowMs: number
  now?: Date
}) {
  const { signInFailures } = schema()
  await db()
    .insert(signInFailures)
    .values(keys.map((key) => ({ key, occurredAt: now })))
  await db()
    .delete(signInFailures)
    .where(and(inArray(signInFailures.key, keys), lt(signInFailures.occurredAt, new Date(now.getTime() - windowMs))))
}

// ---- Signing in: 10 failures per account asked for, and per address, in 15 minutes. ----

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
export const SIGN_IN_MAX_FAILURES = 10

/** Keys for one sign-in attempt: the account asked for (known or not) and the client address. */
export function signInKeys({ email, ip }: { email: string; ip: string | null }): string[] {
  const keys = [`account:${email.trim().toLowerCase()}`]
  if (ip) keys.push(`ip:${addressHash(ip)}`)
  return keys
}

export async function isSignInLimited({ keys, now = new Date() }: { keys: string[]; now?: Date }): Promise<boolean> {
  const limits = keys.map((key) => ({ key, max: SIGN_IN_MAX_FAILURES }))
  return (await reachedLimits({ limits, windowMs: SIGN_IN_WINDOW_MS, now })).length > 0
}

export async function recordSignInFailure({ keys, now = new Date() }: { keys: string[]; now?: Date }) {
  await recordAttempt({ keys, windowMs: SIGN_IN_WINDOW_MS, now })
}

/** A successful sign-in forgives the account's failures (the address's stay counted). */
export async function clearAccountFailures({ email }: { email: string }) {
  const { signInFailures } = schema()
  const [accountKey] = signInKeys({ email, ip: null })
  if (accountKey) await db().delete(signInFailures).where(eq(signInFailures.key, accountKey))
}
