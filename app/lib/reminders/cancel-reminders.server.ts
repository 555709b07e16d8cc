import { and, eq, inArray, isNull } from 'drizzle-orm'
import { assignmentStatuses } from '#app/lib/assignments/status.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { lapsingEvidenceOf } from '#app/lib/reports/readiness-report.server.ts'
import { workSubject } from './reminder-subjects.ts'

// Completing the work cancels the reminders about it that have not gone out yet. Run after statements are
// stored (and projected), for the learners they are about: most learners have no reminder waiting, and for
// them this is one indexed query.

const CANCELLABLE_KINDS = ['due-soon', 'due-today', 'overdue', 'evidence-lapsing']

export async function cancelRemindersForDoneWork({ userIds, now = new Date() }: { userIds: string[]; now?: Date }) {
  if (userIds.length === 0) return 0
  const { reminderSends, jobs } = schema()
  const waiting = await db()
    .select({ userId: reminderSends.userId, subject: reminderSends.subject, jobId: reminderSends.jobId })
    .from(reminderSends)
    .innerJoin(jobs, eq(jobs.id, reminderSends.jobId))
    .where(
      and(
        inArray(reminderSends.userId, userIds),
        inArray(reminderSends.kind, CANCELLABLE_KINDS),
        isNull(reminderSends.cancelledAt),
        eq(jobs.state, 'queued'),
      ),
    )
  if (waiting.length === 0) return 0
  const people = [...new Set(waiting.map((row) => row.userId))]
  const stillToDo = new Set(
    (await assignmentStatuses({ people: { userIds: people }, now }))
      .filter((row) => row.status !== 'done')
      .map((row) => `${row.userId}|${workSubject(row.moduleSlug)}`),
  )
  for (const row of await lapsingEvidenceOf({ userIds: people, now }))
    stillToDo.add(`${row.userId}|competency:${row.competencyId}`)

  // An email about several things (lapsing evidence) is cancelled only when none of them is left.
  const byJob = new Map<string, boolean>()
  for (const row of waiting) {
    if (!row.jobId) continue
    byJob.set(row.jobId, (byJob.get(row.jobId) ?? false) || stillToDo.has(`${row.userId}|${row.subject}`))
  }
  const cancelled = [...byJob].filter(([, needed]) => !needed).map(([jobId]) => jobId)
  if (cancelled.length === 0) return 0
  await db()
    .update(jobs)
    .set({ state: 'cancelled', finishedAt: now, lastError: null })
    .where(and(inArray(jobs.id, cancelled), eq(jobs.state, 'queued')))
  await db().update(reminderSends).set({ cancelledAt: now }).where(inArray(reminderSends.jobId, cancelled))
  return cancelled.length
}
