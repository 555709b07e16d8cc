import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { chunks } from '#app/lib/chunks.ts'
import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { defineJob } from '#app/lib/jobs/job-definitions.ts'
import type { JobHandler } from '#app/lib/jobs/job-handlers.server.ts'
import { enqueueJob } from '#app/lib/jobs/job-queue.server.ts'
import { optedOutUserIds } from '#app/lib/notifications/preferences.server.ts'
import { queuePlannedEmails, type PlannedEmail } from './reminder-ledger.server.ts'

// Telling people they have new learning: at most one email a day each, however many assignments reach them.
// The assignment's transaction queues one job; that job (run in the background, because a unit can hold
// thousands of people) queues each person's email. A person already told today is told tomorrow morning,
// in one email with everything new since.

/** Emails go out a few minutes after the assignment, so a manager setting several in a row sends one. */
const GATHER_MS = 5 * 60_000
const NEXT_MORNING_HOUR = 7

export const newWorkNoticesJob = defineJob('reminders.new-work', z.object({ assignmentId: z.string() }))

/** Installed as an assignmentMade effect: runs in the transaction that creates the assignment. */
export async function queueNewWorkNotices({ assignmentId, at }: { assignmentId: string; at: Date }) {
  await enqueueJob(newWorkNoticesJob, { assignmentId }, { dedupeKey: `new-work:${assignmentId}`, now: at })
}

export const newWorkNoticesHandler: JobHandler<{ assignmentId: string }> = {
  async run({ assignmentId }) {
    const now = new Date()
    const people = await peopleGiven(assignmentId)
    if (people.length === 0) return
    const optedOut = await optedOutUserIds({ kind: 'assigned', userIds: people })
    const told = people.filter((userId) => !optedOut.has(userId))
    const today = isoDay(now)
    const tomorrowMorning = new Date(Date.parse(today) + DAY_MS + NEXT_MORNING_HOUR * 60 * 60_000)
    const notice = (userId: string, day: string): PlannedEmail => ({
      key: `assigned:${userId}:${day}`,
      payload: { kind: 'assigned', userId, params: { day } },
      sends: [{ subject: 'new-work', kind: 'assigned', period: day }],
    })
    await transaction(async () => {
      await queuePlannedEmails({
        emails: told.map((userId) => notice(userId, today)),
        plannedOn: today,
        runAt: new Date(now.getTime() + GATHER_MS),
        now,
      })
      const alreadyTold = await alreadyHaveNotice({ userIds: told, day: today, assignmentCreated: now })
      const tomorrow = isoDay(tomorrowMorning)
      await queuePlannedEmails({
        emails: alreadyTold.map((userId) => notice(userId, tomorrow)),
        plannedOn: tomorrow,
        runAt: tomorrowMorning,
        now,
      })
    })
  },
  describe: () => 'Tell people about learning assigned to them',
}

/** Everyone the assignment reaches who can be emailed: its one person, or everyone in its unit and below. */
async function peopleGiven(assignmentId: string): Promise<string[]> {
  const { assignments, memberships, orgUnitClosure, users } = schema()
  const [assignment] = await db().select().from(assignments).where(eq(assignments.id, assignmentId))
  if (!assignment || assignment.cancelledAt) return []
  const reachable = and(isNull(users.suspendedAt), isNotNull(users.email))
  if (assignment.userId) {
    const rows = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, assignment.userId), reachable))
    return rows.map((row) => row.id)
  }
  if (!assignment.unitId) return []
  const rows = await db()
    .select({ id: users.id })
    .from(orgUnitClosure)
    .innerJoin(memberships, eq(memberships.teamId, orgUnitClosure.descendantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(orgUnitClosure.ancestorId, assignment.unitId), reachable))
  return rows.map((row) => row.id)
}

/**
 * Of these people, those whose notice for `day` was queued before this assignment and has gone out (or is
 * going): a notice still waiting will list this assignment too, since it is written when it is sent.
 */
async function alreadyHaveNotice({
  userIds,
  day,
  assignmentCreated,
}: {
  userIds: string[]
  day: string
  assignmentCreated: Date
}): Promise<string[]> {
  const { reminderSends, jobs } = schema()
  const found: string[] = []
  for (const part of chunks(userIds, 500)) {
    const rows = await db()
      .select({ userId: reminderSends.userId, createdAt: reminderSends.createdAt, state: jobs.state })
      .from(reminderSends)
      .leftJoin(jobs, eq(jobs.id, reminderSends.jobId))
      .where(
        and(inArray(reminderSends.userId, part), eq(reminderSends.kind, 'assigned'), eq(reminderSends.period, day)),
      )
    for (const row of rows) if (row.createdAt < assignmentCreated && row.state !== 'queued') found.push(row.userId)
  }
  return found
}
