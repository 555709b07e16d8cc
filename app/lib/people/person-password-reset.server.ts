import { sendResetLinkAsAdmin } from '#app/lib/auth/password-reset.server.ts'
import type { AdminActor, AdminResult } from './person-admin-result.ts'

/** An administrator emails someone a link to set a new password (audited). Null when there is no such person. */
export async function sendPasswordReset({
  actor,
  userId,
}: {
  actor: AdminActor
  userId: string
}): Promise<AdminResult | null> {
  const result = await sendResetLinkAsAdmin({ actor, userId })
  if (!result) return null
  return result.ok ? { ok: true, done: 'password-reset-sent' } : result
}
