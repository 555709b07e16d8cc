import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm'
import { type AuditActor, recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { enqueueEmail } from '#app/lib/email/enqueue-email.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { hashPassword } from './password.server.ts'
import { clearAccountFailures } from './rate-limit.server.ts'
import {
  RESET_REQUEST_WINDOW_MS,
  RESET_REQUESTS_PER_EMAIL,
  recordResetRequest,
  resetRequestLimit,
} from './reset-rate-limit.server.ts'
import { RESET_LINK_LIFETIME_MINUTES, RESET_LINK_LIFETIME_MS } from './reset-link.ts'
import { generateResetToken, isResetTokenShape, resetTokenHash } from './reset-token.server.ts'
import { createSession } from './session.server.ts'
import { passwordAllowed, personSignIn } from './sign-in-methods.server.ts'
import { findUserById, findUsersByEmail, recordSignIn, replacePassword } from './users.server.ts'

// Forgotten passwords: a link by email that works once, for an hour, and ends every session when used.

/**
 * Whether this account may be sent a link to set its password: the one place that decides.
 * Suspended people cannot sign in, so a link would be no use to them (and would tell whoever reads their old
 * mailbox that the account is there). An account without an email address cannot be sent anything. Someone
 * whose organisation signs in through single sign-on only has no use for a password either, and a reset link
 * must not add one beside that sign-in; administrators keep theirs, to sign in if the provider is down.
 * Everyone else can, including people with no password yet (staff loaded from HR set their first one this way).
 */
export async function canResetPassword(user: {
  id: string
  email: string | null
  suspendedAt: Date | null
  isAdmin: boolean
}): Promise<boolean> {
  if (!user.email || user.suspendedAt) return false
  const { methods } = await personSignIn({ userId: user.id })
  return passwordAllowed({ methods, isAdmin: user.isAdmin })
}

/**
 * What the person asking is told. Deliberately the same whether or not the email belongs to anyone, and
 * whether or not a link was sent: 'try-later' only when their address (not the email) has asked too often.
 */
export type ResetRequestResult = { outcome: 'accepted' } | { outcome: 'try-later' }

/** Someone asks for a link to be sent to an email address: one link to every account there that can use one. */
export async function requestPasswordReset({
  email,
  ip,
  now = new Date(),
}: {
  email: string
  ip: string | null
  now?: Date
}): Promise<ResetRequestResult> {
  const limit = await resetRequestLimit({ email, ip, now })
  if (limit === 'address') return { outcome: 'try-later' }
  // Over the email's limit nothing is sent, but the answer must not differ: a different one would tell anyone
  // that this email had been asked about, and so that it probably has an account.
  if (limit === 'email') return { outcome: 'accepted' }
  await recordResetRequest({ email, ip, now })
  // Several people can share one mailbox: each of their accounts gets a link of its own.
  const people: Awaited<ReturnType<typeof findUsersByEmail>> = []
  for (const person of await findUsersByEmail({ email })) if (await canResetPassword(person)) people.push(person)
  if (people.length > 0) {
    await transaction(async () => {
      for (const person of people) await issueResetLink({ userId: person.id, now })
    })
  }
  return { outcome: 'accepted' }
}

/** An administrator sends someone a link. Null when there is no such person; a sentence when it cannot be sent. */
export async function sendResetLinkAsAdmin({
  actor,
  userId,
  now = new Date(),
}: {
  actor: AuditActor & { isAdmin: boolean }
  userId: string
  now?: Date
}): Promise<{ ok: true } | { ok: false; problem: string } | null> {
  // Routes check first (requireAdmin); this keeps a later caller from skipping that.
  if (!actor.isAdmin) throw new Error('only administrators can send password reset links')
  const person = await findUserById({ id: userId })
  if (!person) return null
  if (person.suspendedAt) {
    return { ok: false, problem: `${person.name} is suspended. Restore them before sending a password reset link.` }
  }
  if (!person.email) {
    return { ok: false, problem: `${person.name} has no email address, so we cannot send them a link.` }
  }
  if (!(await canResetPassword(person))) {
    return {
      ok: false,
      problem: `${person.name}’s organisation signs in through single sign-on only, so they do not need a password here.`,
    }
  }
  const sentTo = person.email
  // The per-email limit holds for administrators too: a mailbox is not to be flooded from either side.
  if ((await resetRequestLimit({ email: sentTo, ip: null, now })) === 'email') {
    return {
      ok: false,
      problem: `${person.name} has been sent ${RESET_REQUESTS_PER_EMAIL} password reset links in the last ${RESET_REQUEST_WINDOW_MS / 60_000} minutes. Wait a few minutes before sending another.`,
    }
  }
  await recordResetRequest({ email: sentTo, ip: null, now })
  await transaction(async () => {
    await issueResetLink({ userId, now })
    await recordAudit({
      actor,
      at: now,
      entries: [
        {
          action: 'person.password-reset-sent',
          subjectType: 'person',
          subjectId: userId,
          subjectName: person.name,
          after: { sentTo },
        },
      ],
    })
  })
  return { ok: true }
}

/** Stores a new token for the person and queues the email carrying it; call inside the transaction. */
async function issueResetLink({ userId, now }: { userId: string; now: Date }) {
  const { passwordResetTokens } = schema()
  const token = generateResetToken()
  await db()
    .insert(passwordResetTokens)
    .values({
      tokenHash: resetTokenHash(token),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS),
    })
  // Earlier links still work until they expire (emails can arrive out of order); lapsed ones go now.
  await db()
    .delete(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, userId), lt(passwordResetTokens.expiresAt, now)))
  await enqueueEmail(
    {
      kind: 'password-reset',
      userId,
      params: {
        resetUrl: resetUrl(token),
        expiresInMinutes: RESET_LINK_LIFETIME_MINUTES,
        // An email that could not go out before the link lapsed (a long mail outage, a late retry) is not sent.
        expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS).toISOString(),
      },
    },
    { now },
  )
}

export function resetUrl(token: string): string {
  return `${publicUrl}/reset-password/${token}`
}

/** The person a link is for, while it is unused, unexpired and they can still reset; else null. */
export async function findResetLink({ token, now = new Date() }: { token: string; now?: Date }) {
  if (!isResetTokenShape(token)) return null
  const { passwordResetTokens, users } = schema()
  const [row] = await db()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      suspendedAt: users.suspendedAt,
      isAdmin: users.isAdmin,
    })
    .from(passwordResetTokens)
    .innerJoin(users, eq(passwordResetTokens.userId, users.id))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, resetTokenHash(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
      ),
    )
  if (!row || !(await canResetPassword({ ...row, id: row.userId }))) return null
  return { userId: row.userId, name: row.name }
}

export type CompleteResetResult =
  { ok: true; userId: string; session: { token: string; expiresAt: Date } } | { ok: false; reason: 'expired' }

/**
 * Sets the new password from a link: the link is used up, the person's other links stop working, every session
 * they had ends, and they are signed in afresh on this device.
 */
export async function completePasswordReset({
  token,
  newPassword,
  now = new Date(),
}: {
  token: string
  newPassword: string
  now?: Date
}): Promise<CompleteResetResult> {
  // Checked before hashing, so that made-up links cost the server nothing.
  if (!(await findResetLink({ token, now }))) return { ok: false, reason: 'expired' }
  const passwordHash = await hashPassword(newPassword)
  const tokenHash = resetTokenHash(token)
  const { passwordResetTokens } = schema()
  const person = await transaction(async () => {
    // One conditional update claims the link, so of two submissions of it only one sets a password.
    const [claimed] = await db()
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResetTokens.userId })
    if (!claimed) return null
    const user = await findUserById({ id: claimed.userId })
    if (!user || !(await canResetPassword(user))) return null
    await replacePassword({ userId: user.id, passwordHash, at: now })
    await db()
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, user.id), ne(passwordResetTokens.tokenHash, tokenHash)))
    return user
  })
  if (!person) return { ok: false, reason: 'expired' }
  // Whoever was locked out by wrong guesses has just shown they read the account's email.
  if (person.email) await clearAccountFailures({ email: person.email })
  await recordSignIn({ userId: person.id, at: now })
  const { token: sessionToken, session } = await createSession({ userId: person.id, now })
  return { ok: true, userId: person.id, session: { token: sessionToken, expiresAt: session.expiresAt } }
}
