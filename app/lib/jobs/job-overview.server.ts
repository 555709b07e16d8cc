import { and, count, desc, eq, gte, isNotNull } from 'drizzle-orm'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { recordAudit, type AuditActor } from '#app/lib/audit/audit-log.server.ts'
import { jobHandlerFor } from './job-handlers.server.ts'
import { retryDeadJob, type Job } from './job-queue.server.ts'

// What administrators see of the background jobs: how many are waiting, running, failing and set aside,
// and each failing one in words, with why it failed.

const LISTED = 100

export interface JobLine {
  id: string
  what: string
  tries: number
  lastError: string
  /** When it failed for good (set aside) or when it will be tried next (retrying). */
  at: Date
}

export async function jobOverview({ now = new Date() }: { now?: Date } = {}) {
  const { jobs } = schema()
  const counts = await db().select({ state: jobs.state, jobs: count() }).from(jobs).groupBy(jobs.state)
  const countOf = (state: Job['state']) => counts.find((row) => row.state === state)?.jobs ?? 0
  const [doneToday] = await db()
    .select({ jobs: count() })
    .from(jobs)
    .where(and(eq(jobs.state, 'done'), gte(jobs.finishedAt, new Date(now.getTime() - 24 * 60 * 60_000))))
  const dead = await db().select().from(jobs).where(eq(jobs.state, 'dead')).orderBy(desc(jobs.finishedAt)).limit(LISTED)
  const retrying = await db()
    .select()
    .from(jobs)
    .where(and(eq(jobs.state, 'queued'), isNotNull(jobs.lastError)))
    .orderBy(jobs.runAt)
    .limit(LISTED)
  return {
    waiting: countOf('queued'),
    running: countOf('running'),
    setAside: countOf('dead'),
    doneInLastDay: doneToday?.jobs ?? 0,
    dead: await Promise.all(dead.map((job) => lineFor(job, job.finishedAt ?? job.runAt))),
    retrying: await Promise.all(retrying.map((job) => lineFor(job, job.runAt))),
    listedAtMost: LISTED,
  }
}

async function lineFor(job: Job, at: Date): Promise<JobLine> {
  return { id: job.id, what: await describeJob(job), tries: job.attempts, lastError: job.lastError ?? '', at }
}

async function describeJob(job: Job): Promise<string> {
  const registered = jobHandlerFor(job.type)
  const payload = registered?.definition.payload.safeParse(job.payload)
  if (!registered || !payload?.success) return `Background job (${job.type})`
  return registered.handler.describe(payload.data)
}

/** An administrator sends a set-aside job round again; audited with what it was. */
export async function retrySetAsideJob({ jobId, actor }: { jobId: string; actor: AuditActor }) {
  return transaction(async () => {
    const job = await retryDeadJob({ jobId })
    if (!job) return null
    const what = await describeJob(job)
    await recordAudit({
      actor,
      entries: [
        {
          action: 'job.retried',
          subjectType: 'job',
          subjectId: job.id,
          subjectName: what,
          before: { lastError: job.lastError },
        },
      ],
    })
    return { what }
  })
}
