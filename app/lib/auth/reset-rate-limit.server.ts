import { addressHash, reachedLimits, recordAttempt } from './rate-limit.server.ts'
import { normaliseEmail } from './users.server.ts'

// Asking for reset links is limited like signing in, in the same shared table: per email address asked
// about (known or not, so a limit says nothing about whether an account exists) and per client address.

export const RESET_REQUEST_WINDOW_MS = 15 * 60 * 1000
/** Enough for someone who mistypes or whose email is slow; few enough that a mailbox cannot be flooded. */
export const RESET_REQUESTS_PER_EMAIL = 5
/** Higher than per email: a ward's shared computers or an NHS network send many people's requests from one address. */
export const RESET_REQUESTS_PER_ADDRESS = 20

export type ResetRequestLimit = 'email' | 'address' | null

function keysFor({ email, ip }: { email: string; ip: string | null }) {
  return {
    email: `reset-account:${normaliseEmail(email)}`,
    address: ip ? `reset-ip:${addressHash(ip)}` : null,
  }
}

/** Which limit, if any, this request has reached; the address's is checked first since it is the one said out loud. */
export async function resetRequestLimit({
  email,
  ip,
  now = new Date(),
}: {
  email: string
  ip: string | null
  now?: Date
}): Promise<ResetRequestLimit> {
  const keys = keysFor({ email, ip })
  const limits = [{ key: keys.email, max: RESET_REQUESTS_PER_EMAIL }]
  if (keys.address) limits.push({ key: keys.address, max: RESET_REQUESTS_PER_ADDRESS })
  const reached = await reachedLimits({ limits, windowMs: RESET_REQUEST_WINDOW_MS, now })
  if (keys.address && reached.includes(keys.address)) return 'address'
  return reached.includes(keys.email) ? 'email' : null
}

export async function recordResetRequest({
  email,
  ip,
  now = new Date(),
}: {
  email: string
  ip: string | null
  now?: Date
}) {
  const keys = keysFor({ email, ip })
  await recordAttempt({
    keys: keys.address ? [keys.email, keys.address] : [keys.email],
    windowMs: RESET_REQUEST_WINDOW_MS,
    now,
  })
}
