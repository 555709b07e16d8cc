import { createHmac } from 'node:crypto'
import { and, count, eq, gte, inArray, lt, max } from 'drizzle-orm'
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

// ---- Signing in: per account, with back-off; per address, only a ceiling no ward would reach. ----
//
// Many staff share one hospital address, so an address is never what locks people out in ordinary use: each
// account gets SIGN_IN_FREE_FAILURES wrong passwords, then must wait before each further try, the wait doubling
// from a minute up to SIGN_IN_MAX_WAIT_MS. An address is stopped only after SIGN_IN_ADDRESS_MAX_FAILURES
// failures in SIGN_IN_ADDRESS_WINDOW_MS: a script trying passwords across many accounts, not a ward at shift change.

export const SIGN_IN_FREE_FAILURES = 5
export const SIGN_IN_FIRST_WAIT_MS = 60 * 1000
export const SIGN_IN_MAX_WAIT_MS = 15 * 60 * 1000
/** An account's failures are forgotten after this long (or at its next successful sign-in). */
export const SIGN_IN_ACCOUNT_MEMORY_MS = 24 * 60 * 60 * 1000
export const SIGN_IN_ADDRESS_WINDOW_MS = 15 * 60 * 1000
export const SIGN_IN_ADDRESS_MAX_FAILURES = 1000

/** How long an account must wait after its latest failure, given how many it has had. */
export function backOffMs(failures: number): number {
  if (failures < SIGN_IN_FREE_FAILURES) return 0
  return Math.min(SIGN_IN_MAX_WAIT_MS, SIGN_IN_FIRST_WAIT_MS * 2 ** (failures - SIGN_IN_FREE_FAILURES))
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
const addressKey = (ip: string) => `ip:${addressHash(ip)}`

/** Keys for one sign-in attempt: the account asked for (known or not) and the client address. */
export function signInKeys({ email, ip }: { email: string; ip: string | null }): string[] {
  return ip ? [accountKey(email), addressKey(ip)] : [accountKey(email)]
}

/** How long (ms) before this account may be tried from this address again; 0 means now. */
export async function signInWaitMs({
  email,
  ip,
  now = new Date(),
}: {
  email: string
  ip: string | null
  now?: Date
}): Promise<number> {
  const { signInFailures } = schema()
  const [account] = await db()
    .select({ failures: count(), latest: max(signInFailures.occurredAt) })
    .from(signInFailures)
    .where(
      and(
        eq(signInFailures.key, accountKey(email)),
        gte(signInFailures.occurredAt, new Date(now.getTime() - SIGN_IN_ACCOUNT_MEMORY_MS)),
      ),
    )
  let wait = 0
  if (account?.latest) {
    wait = Math.max(0, new Date(account.latest).getTime() + backOffMs(account.failures) - now.getTime())
  }
  if (ip) {
    const limited = await reachedLimits({
      limits: [{ key: addressKey(ip), max: SIGN_IN_ADDRESS_MAX_FAILURES }],
      windowMs: SIGN_IN_ADDRESS_WINDOW_MS,
      now,
    })
    if (limited.length > 0) wait = Math.max(wait, SIGN_IN_ADDRESS_WINDOW_MS)
  }
  return wait
}

/** Counts a failed sign-in against the account and the address, forgetting each key's older failures. */
export async function recordSignInFailure({
  email,
  ip,
  now = new Date(),
}: {
  email: string
  ip: string | null
  now?: Date
}) {
  await recordAttempt({ keys: [accountKey(email)], windowMs: SIGN_IN_ACCOUNT_MEMORY_MS, now })
  if (ip) await recordAttempt({ keys: [addressKey(ip)], windowMs: SIGN_IN_ADDRESS_WINDOW_MS, now })
}

/** A successful sign-in forgives the account's failures (the address's stay counted). */
export async function clearAccountFailures({ email }: { email: string }) {
  const { signInFailures } = schema()
  await db()
    .delete(signInFailures)
    .where(eq(signInFailures.key, accountKey(email)))
}
