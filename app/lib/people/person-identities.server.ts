import { unlinkIdentity } from '#app/lib/sso/identities.server.ts'
import { type AdminActor, type AdminResult, assertAdmin } from './person-admin-result.ts'

/** An administrator unlinks one of a person's single sign-on accounts. Null when there is no such person or account. */
export async function unlinkSsoAccount({
  actor,
  userId,
  identityId,
}: {
  actor: AdminActor
  userId: string
  identityId: string
}): Promise<AdminResult | null> {
  assertAdmin(actor)
  const result = await unlinkIdentity({ actor, userId, identityId })
  if (!result) return null
  if (!result.ok) return result
  return { ok: true, done: 'identity-unlinked', provider: result.provider }
}
