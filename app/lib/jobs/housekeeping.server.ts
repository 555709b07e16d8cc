import { z } from 'zod'
import { defineJob } from './job-definitions.ts'
import type { JobHandler } from './job-handlers.server.ts'
import { pruneFinishedJobs } from './job-queue.server.ts'
import { dailyFrom, type Schedule } from './schedules.server.ts'

/** Once a day, in the small hours: remove finished jobs older than a month. */
export const pruneJobsJob = defineJob('jobs.prune', z.object({ day: z.string() }))

export const pruneJobsSchedule: Schedule<{ day: string }> = {
  job: pruneJobsJob,
  periodOf: dailyFrom(3),
  payload: (day) => ({ day }),
}

export const pruneJobsHandler: JobHandler<{ day: string }> = {
  async run() {
    await pruneFinishedJobs()
  },
  describe: () => 'Tidy the list of finished background jobs',
}
