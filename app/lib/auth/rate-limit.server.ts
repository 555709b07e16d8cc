import { createHmac } from 'node:crypto'
import { and, count, eq, gte, inArray, lt } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import { sessionSecret } from '#app/lib/env.server.ts'

// Failures live in the database, not in memory, so every app instance sees the same counts.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
export const SIGN_IN_MAX_FAILURES = 10

/** Keys for one sign-in attempt: the account asked for (known or not) and the client address. */
export function signInKeys({ email, ip }: { email: string; ip: string | null }): string[] {
  const keys = [`account:${email.trim().toLowerCase()}`]
  // Addresses are personal data: keep only a keyed hash of them.
  if (ip) keys.push(`ip:${createHmac('sha256', sessionSecret).update(ip).digest('hex').slice(0, 32)}`)
  return keys
}

export async function isSignInLimited({ keys, now = new Date() }: { keys: string[]; now?: Date }): Promise<boolean> {
  const { signInFailures } = schema()
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS)
  const rows = await db()
    .select({ key: signInFailures.key, failures: count() })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, keys), gte(signInFailures.occurredAt, since)))
    .groupBy(signInFailures.key)
  return rows.some((row) => row.failures >= SIGN_IN_MAX_FAILURES)
}

export async function recordSignInFailure({ keys, now = new Date() }: { keys: string[]; now?: Date }) {
  const { signInFailures } = schema()
  await db()
    .insert(signInFailures)
    .values(keys.map((key) => ({ key, occurredAt: now })))
  await db()
    .delete(signInFailures)
    .where(
      and(
        inArray(signInFailures.key, keys),
        lt(signInFailures.occurredAt, new Date(now.getTime() - SIGN_IN_WINDOW_MS)),
      ),
    )
}

/** A successful sign-in forgives the account's failures (the address's stay counted). */
export async function clearAccountFailures({ email }: { email: string }) {
  const { signInFailures } = schema()
  const [accountKey] = signInKeys({ email, ip: null })
  if (accountKey) await db().delete(signInFailures).where(eq(signInFailures.key, accountKey))
}
