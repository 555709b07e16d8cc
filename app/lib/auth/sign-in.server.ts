import { decoyPasswordHash, verifyPassword } from './password.server.ts'
import { clearAccountFailures, isSignInLimited, recordSignInFailure, signInKeys } from './rate-limit.server.ts'
import { createSession } from './session.server.ts'
import { findUserByEmail } from './users.server.ts'

export type SignInResult =
  { ok: true; token: string; expiresAt: Date; userId: string } | { ok: false; reason: 'invalid' | 'rate-limited' }

/** Checks the password; never reveals whether the email belongs to an account. */
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

  const user = await findUserByEmail({ email })
  const hash = user?.passwordHash ?? (await decoyPasswordHash())
  const passwordMatches = await verifyPassword({ hash, password })
  if (!user?.passwordHash || !passwordMatches) {
    await recordSignInFailure({ keys })
    return { ok: false, reason: 'invalid' }
  }
  await clearAccountFailures({ email })
  const { token, session } = await createSession({ userId: user.id })
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id }
}
