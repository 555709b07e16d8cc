import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { type EmailKind } from '#app/lib/email/outgoing-email.ts'
import { publicUrl, sessionSecret } from '#app/lib/env.server.ts'
import { isReminderKind, reminderKindSchema, type ReminderKind } from './notification-kinds.ts'

// An unsubscribe link names one person and one kind of email, signed so that nobody can make one for someone else.
// It carries no expiry on purpose: a link in an email from last year should still stop that email. It is the only
// authority the unsubscribe page needs (mail clients post to it with no cookies), and all it can do is turn one kind
// of email off, which the person can turn back on in their account.

// A key of its own, derived from SESSION_SECRET, so a signature made here means nothing anywhere else the secret is used.
const signingKey = createHmac('sha256', sessionSecret).update('unsubscribe-links').digest()

const payloadSchema = z.object({ u: z.string().min(1), k: reminderKindSchema })

export interface UnsubscribeTarget {
  userId: string
  kind: ReminderKind
}

/** The absolute address of the link that turns `kind` off for this person. A password reset has none. */
export function unsubscribeUrl({ userId, kind }: { userId: string; kind: EmailKind }): string {
  if (!isReminderKind(kind)) throw new Error(`${kind} emails are always sent and have no unsubscribe link`)
  return `${publicUrl}/unsubscribe/${unsubscribeToken({ userId, kind })}`
}

export function unsubscribeToken({ userId, kind }: UnsubscribeTarget): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, k: kind })).toString('base64url')
  return `${payload}.${signature(payload)}`
}

/** Who and what a token is about, or null when it was not made here or has been changed. */
export function readUnsubscribeToken(token: string): UnsubscribeTarget | null {
  const [payload, given, ...rest] = token.split('.')
  if (!payload || !given || rest.length > 0) return null
  // Compared as text, not decoded bytes: base64url decoding ignores stray characters and spare bits, so two
  // different strings can decode to the same signature. Only the exact string this module writes is accepted.
  const expected = Buffer.from(signature(payload))
  const actual = Buffer.from(given)
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null
  const parsed = payloadSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')))
  return parsed.success ? { userId: parsed.data.u, kind: parsed.data.k } : null
}

function signature(payload: string): string {
  return createHmac('sha256', signingKey).update(payload).digest('base64url')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
