import { and, desc, eq, lt } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { db, schema, type Schema } from '#app/lib/db.server.ts'
import { emailJob, type EmailJobPayload } from '#app/lib/email/email-job.ts'
import { enqueueJobs } from '#app/lib/jobs/job-queue.server.ts'

// The reminder ledger (reminder_sends): every email planned for someone, keyed by (person, subject, kind,
// period). Queueing an email and writing its ledger rows happen together, in the caller's transaction.

export type ReminderSend = Schema['reminderSends']['$inferSelect']

export interface PlannedEmail {
  /** Also the job's de-duplication key: the same email is never queued twice. */
  key: string
  payload: EmailJobPayload
  /** The ledger rows it stands for (one, or several for a grouped email). */
  sends: Pick<ReminderSend, 'subject' | 'kind' | 'period'>[]
}

/** Queues the emails whose keys are new and records their ledger rows; returns how many were queued. */
export async function queuePlannedEmails({
  emails,
  plannedOn,
  runAt,
  now,
}: {
  emails: PlannedEmail[]
  plannedOn: string
  runAt?: Date
  now: Date
}): Promise<{ emails: number; sends: number }> {
  if (emails.length === 0) return { emails: 0, sends: 0 }
  const queued = await enqueueJobs(
    emailJob,
    emails.map(({ key, payload }) => ({ dedupeKey: key, payload })),
    { runAt, now },
  )
  const rows = emails.flatMap(({ key, payload, sends }) => {
    const jobId = queued.get(key)
    return jobId ? sends.map((send) => ({ ...send, userId: payload.userId, plannedOn, jobId, createdAt: now })) : []
  })
  const { reminderSends } = schema()
  for (const batch of chunks(rows, 500)) await db().insert(reminderSends).values(batch).onConflictDoNothing()
  return { emails: queued.size, sends: rows.length }
}

/** The send of this kind for this person planned before `before` (the last new-work notice, say). */
export async function previousSend({ userId, kind, before }: { userId: string; kind: string; before: Date }) {
  const { reminderSends } = schema()
  const [row] = await db()
    .select()
    .from(reminderSends)
    .where(and(eq(reminderSends.userId, userId), eq(reminderSends.kind, kind), lt(reminderSends.createdAt, before)))
    .orderBy(desc(reminderSends.createdAt))
    .limit(1)
  return row ?? null
}
