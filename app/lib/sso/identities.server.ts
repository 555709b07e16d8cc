import { and, asc, eq } from 'drizzle-orm'
import { type AuditActor, recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { findUserById } from '#app/lib/auth/users.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { providerName } from './providers.server.ts'

// The single sign-on accounts linked to a person, as an administrator sees them (the provider by name, the
// dates; never the tenant, object or subject ids), and unlinking one.

export interface LinkedIdentity {
  /** The row's id: what the unlink form posts; not shown. */
  id: string
  provider: string
  providerName: string
  /** The address the provider last gave for them. */
  email: string | null
  linkedAt: Date
  lastUsedAt: Date | null
}

export async function identitiesOf({ userId }: { userId: string }): Promise<LinkedIdentity[]> {
  const { userIdentities } = schema()
  const rows = await db()
    .select({
      id: userIdentities.id,
      provider: userIdentities.provider,
      email: userIdentities.email,
      linkedAt: userIdentities.createdAt,
      lastUsedAt: userIdentities.lastUsedAt,
    })
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.createdAt))
  return rows.map((row) => ({ ...row, providerName: providerName(row.provider) }))
}

export type UnlinkResult = { ok: true; provider: string } | { ok: false; problem: string }

/**
 * Unlinks one of a person's single sign-on accounts, ends the sessions they started with that provider, and
 * records it in the audit log. Their next sign-in there is treated as a first one (linked again by work email
 * only if the provider vouches for it). Null when there is no such person or account.
 */
export async function unlinkIdentity({
  actor,
  userId,
  identityId,
  now = new Date(),
}: {
  actor: AuditActor & { isAdmin: boolean }
  userId: string
  identityId: string
  now?: Date
}): Promise<UnlinkResult | null> {
  // Routes check first (requireAdmin); this keeps a later caller from skipping that.
  if (!actor.isAdmin) throw new Error('only administrators can unlink single sign-on accounts')
  const person = await findUserById({ id: userId })
  if (!person) return null
  const { userIdentities, sessions } = schema()
  return transaction(async () => {
    const [removed] = await db()
      .delete(userIdentities)
      .where(and(eq(userIdentities.id, identityId), eq(userIdentities.userId, userId)))
      .returning({ provider: userIdentities.provider, email: userIdentities.email })
    if (!removed) return null
    await db()
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.signInProvider, removed.provider)))
    await recordAudit({
      actor,
      at: now,
      entries: [
        {
          action: 'person.sso-unlinked',
          subjectType: 'person',
          subjectId: userId,
          subjectName: person.name,
          before: { signInService: providerName(removed.provider), email: removed.email },
        },
      ],
    })
    return { ok: true as const, provider: removed.provider }
  })
}
