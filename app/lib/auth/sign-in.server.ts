import { decoyPasswordHash, verifyPassword } from './password.server.ts'
import { clearAccountFailures, isSignInLimited, recordSignInFailure, signInKeys } from './rate-limit.server.ts'
import { createSession } from './session.server.ts'
import { findUsersByEmail, recordSignIn } from './users.server.ts'

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: 'invalid' | 'rate-limited' | 'suspended' }

/**
 * Checks the password; never reveals whether the email belongs to an account. An email is not a key: a
 * shared mailbox can belong to several people, so each of their passwords is tried. A suspended account is
 * told so only after its password has been given correctly.
 */
export async function signIn({
  email,
  password,
  ip,
}: {
  email: string
  password: string
  ip: string | null
}): Promise<SignInResult> {
  const keys = signInKeys({ email, ip })
  if (await isSignInLimited({ keys })) return { ok: false, reason: 'rate-limited' }

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
    await recordSignInFailure({ keys })
    return { ok: false, reason: 'invalid' }
  }
  await clearAccountFailures({ email })
  if (user.suspendedAt) return { ok: false, reason: 'suspended' }
  await recordSignIn({ userId: user.id })
  const { token, session } = await createSession({ userId: user.id })
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id }
}
