import { decoyPasswordHash, verifyPassword } from './password.server.ts'
import { clearAccountFailures, recordSignInFailure, signInWaitMs } from './rate-limit.server.ts'
import { createSession } from './session.server.ts'
import { passwordAllowed, personSignIn } from './sign-in-methods.server.ts'
import { findUsersByEmail, recordSignIn } from './users.server.ts'

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string; shared: boolean }
  | { ok: false; reason: 'invalid' | 'suspended' }
  /** Their organisation signs in through single sign-on only, with these providers (ids). */
  | { ok: false; reason: 'sso-only'; providers: string[] }
  | { ok: false; reason: 'rate-limited'; waitMs: number }

/**
 * Checks the password; never reveals whether the email belongs to an account. An email is not a key: a
 * shared mailbox can belong to several people, so each of their passwords is tried. A suspended account, or
 * one whose organisation signs in through single sign-on only, is told so only after its password has been
 * given correctly. `shared`: "This is a shared computer", a session that ends after a short idle time.
 */
export async function signIn({
  email,
  password,
  ip,
  shared = false,
  now = new Date(),
}: {
  email: string
  password: string
  ip: string | null
  shared?: boolean
  now?: Date
}): Promise<SignInResult> {
  const waitMs = await signInWaitMs({ email, ip, now })
  if (waitMs > 0) return { ok: false, reason: 'rate-limited', waitMs }

  const candidates = (await findUsersByEmail({ email })).filter((candidate) => candidate.passwordHash)
  let user: (typeof candidates)[number] | undefined
  if (candidates.length === 0) await verifyPassword({ hash: await decoyPasswordHash(), password })
  for (const candidate of candidates) {
    if (await verifyPassword({ hash: candidate.passwordHash ?? '', password })) {
      user = candidate
      break
    }
  }
  if (!user) {
    await recordSignInFailure({ email, ip, now })
    return { ok: false, reason: 'invalid' }
  }
  await clearAccountFailures({ email })
  if (user.suspendedAt) return { ok: false, reason: 'suspended' }
  const { methods, settings } = await personSignIn({ userId: user.id })
  if (!passwordAllowed({ methods, isAdmin: user.isAdmin })) {
    return { ok: false, reason: 'sso-only', providers: settings?.providers ?? [] }
  }
  await recordSignIn({ userId: user.id, at: now })
  const { token, session } = await createSession({ userId: user.id, now, shared })
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id, shared }
}
