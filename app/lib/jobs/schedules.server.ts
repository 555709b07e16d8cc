import type { JobDefinition } from './job-definitions.ts'
import { enqueueJob } from './job-queue.server.ts'

/**
 * Work that recurs (the reminder sweep, tidying the jobs table). Every worker asks on each pass whether the
 * current period's job exists and adds it if not; the period in the de-duplication key makes the database,
 * not a timer in some process's memory, decide that it runs once per period however many instances ask.
 */
export interface Schedule<Payload> {
  job: JobDefinition<Payload>
  /** The period `now` falls in, as a key ("2026-11-30"), or null before the first run is due in it. */
  periodOf(now: Date): string | null
  payload(period: string): Payload
}

const schedules = new Map<string, Schedule<unknown>>()

export function registerSchedule<Payload>(schedule: Schedule<Payload>): void {
  schedules.set(schedule.job.type, schedule as Schedule<unknown>)
}

export async function enqueueScheduledJobs({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  let added = 0
  for (const schedule of schedules.values()) {
    const period = schedule.periodOf(now)
    if (period === null) continue
    const dedupeKey = `schedule:${schedule.job.type}:${period}`
    if (await enqueueJob(schedule.job, schedule.payload(period), { dedupeKey, now })) added++
  }
  return added
}

/** A daily period that starts at `hour`:00 UTC: before that hour, today's run is not yet due. */
export function dailyFrom(hour: number): (now: Date) => string | null {
  return (now) => (now.getUTCHours() >= hour ? now.toISOString().slice(0, 10) : null)
}

/** A weekly period that starts on Monday at `hour`:00 UTC, named by that Monday ("week of 2026-11-30"). */
export function weeklyFromMonday(hour: number): (now: Date) => string | null {
  return (now) => {
    const daysSinceMonday = (now.getUTCDay() + 6) % 7
    const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday, hour))
    return now >= monday ? `week of ${monday.toISOString().slice(0, 10)}` : null
  }
}
