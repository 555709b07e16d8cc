import { z } from 'zod'
import { publicUrl } from '#app/lib/env.server.ts'
import { defineJob } from '#app/lib/jobs/job-definitions.ts'
import type { JobHandler } from '#app/lib/jobs/job-handlers.server.ts'
import { dailyFrom, type Schedule } from '#app/lib/jobs/schedules.server.ts'
import { learnerOf } from '#app/lib/learning/projections/projection-rules.ts'
import type { StoredBatch } from '#app/lib/xapi/store/statement-effects.server.ts'
import { cancelRemindersForDoneWork } from './cancel-reminders.server.ts'
import { sweepReminders } from './reminder-sweep.server.ts'

/** The daily sweep runs from 07:00 UTC, so reminders arrive at the start of the working day. */
export const reminderSweepJob = defineJob('reminders.sweep', z.object({ day: z.string() }), { maxAttempts: 3 })

export const reminderSweepSchedule: Schedule<{ day: string }> = {
  job: reminderSweepJob,
  periodOf: dailyFrom(7),
  payload: (day) => ({ day }),
}

export const reminderSweepHandler: JobHandler<{ day: string }> = {
  async run() {
    await sweepReminders()
  },
  describe: ({ day }) => `Plan the day’s reminder emails (${day})`,
}

/** Installed as a statementsStored effect: a pass or a renewal cancels the reminders about it not yet sent. */
export async function cancelRemindersAfterStatements({ inserted }: StoredBatch): Promise<void> {
  const learners = new Set<string>()
  for (const { statement } of inserted) {
    const userId = learnerOf(statement, { publicUrl })
    if (userId) learners.add(userId)
  }
  await cancelRemindersForDoneWork({ userIds: [...learners] })
}
