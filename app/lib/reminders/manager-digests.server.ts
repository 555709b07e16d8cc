import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { isoDay } from '#app/lib/dates/dates.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { defineJob } from '#app/lib/jobs/job-definitions.ts'
import type { JobHandler } from '#app/lib/jobs/job-handlers.server.ts'
import { weeklyFromMonday, type Schedule } from '#app/lib/jobs/schedules.server.ts'
import { optedOutUserIds } from '#app/lib/notifications/preferences.server.ts'
import { queuePlannedEmails } from './reminder-ledger.server.ts'

// The weekly digest: one email to each manager, however many units they manage, written when it is sent
// (their units' overdue people, lapsing evidence and readiness against last week: manager-digest-email.server.ts).

export const managerDigestsJob = defineJob('reminders.manager-digests', z.object({ week: z.string() }))

export const managerDigestsSchedule: Schedule<{ week: string }> = {
  job: managerDigestsJob,
  periodOf: weeklyFromMonday(7),
  payload: (week) => ({ week }),
}

export const managerDigestsHandler: JobHandler<{ week: string }> = {
  async run({ week }) {
    await queueManagerDigests({ week })
  },
  describe: ({ week }) => `Weekly team summaries to managers (${week})`,
}

export async function queueManagerDigests({ week, now = new Date() }: { week: string; now?: Date }) {
  const { managerAssignments, users } = schema()
  const managers = (
    await db()
      .selectDistinct({ id: users.id })
      .from(managerAssignments)
      .innerJoin(users, eq(users.id, managerAssignments.userId))
      .where(and(isNull(users.suspendedAt), isNotNull(users.email)))
  ).map((row) => row.id)
  const optedOut = await optedOutUserIds({ kind: 'manager-digest', userIds: managers })
  return transaction(() =>
    queuePlannedEmails({
      emails: managers
        .filter((userId) => !optedOut.has(userId))
        .map((userId) => ({
          key: `manager-digest:${userId}:${week}`,
          payload: { kind: 'manager-digest', userId, params: { week } },
          sends: [{ subject: 'teams', kind: 'manager-digest', period: week }],
        })),
      plannedOn: isoDay(now),
      now,
    }),
  )
}
