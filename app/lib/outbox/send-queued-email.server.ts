import { eq } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'
import type { EmailJobPayload } from '#app/lib/email/email-job.ts'
import { sendEmail } from '#app/lib/email/send-email.server.ts'
import { passwordResetEmail } from '#app/lib/email/templates/password-reset.ts'
import type { JobHandler } from '#app/lib/jobs/job-handlers.server.ts'
import { reminderKindWords } from '#app/lib/notifications/notification-kinds.ts'
import { wantsEmail } from '#app/lib/notifications/preferences.server.ts'
import { unsubscribeUrl } from '#app/lib/notifications/unsubscribe-token.server.ts'
import { writeReminderEmail } from '#app/lib/reminders/reminder-emails.server.ts'

// Sending one queued email (the `email` job). Who it goes to, and whether, is decided now, not when it was
// queued: to the address the person has today, and not at all if they have since left (been suspended),
// turned this kind off, or finished the work it is about. A retry of the job is the same message (its
// reference is the job's id).

export const sendQueuedEmailHandler: JobHandler<EmailJobPayload> = {
  async run({ kind, userId, params }, job) {
    const person = await recipient(userId)
    if (!person?.email || person.suspendedAt) return
    if (!(await wantsEmail({ userId, kind }))) return
    const firstName = person.name.trim().split(/\s+/)[0] ?? person.name
    if (kind === 'password-reset') {
      if (typeof params.expiresAt === 'string' && Date.parse(params.expiresAt) <= Date.now()) return
      const content = passwordResetEmail({
        firstName,
        resetUrl: String(params.resetUrl),
        expiresInMinutes: Number(params.expiresInMinutes),
      })
      await sendEmail({ ...content, kind, to: person.email, reference: job.id })
      return
    }
    const unsubscribe = unsubscribeUrl({ userId, kind })
    const content = await writeReminderEmail({
      kind,
      userId,
      firstName,
      params,
      jobId: job.id,
      unsubscribeUrl: unsubscribe,
    })
    if (content) await sendEmail({ ...content, kind, to: person.email, reference: job.id, unsubscribeUrl: unsubscribe })
  },
  async describe({ kind, userId }) {
    const person = await recipient(userId)
    const what = kind === 'password-reset' ? 'Password reset' : reminderKindWords[kind].adminLabel
    return `Email to ${person?.name ?? 'someone no longer on the platform'}: ${what}`
  },
}

async function recipient(userId: string) {
  const { users } = schema()
  const [person] = await db()
    .select({ name: users.name, email: users.email, suspendedAt: users.suspendedAt })
    .from(users)
    .where(eq(users.id, userId))
  return person ?? null
}
