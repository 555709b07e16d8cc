import { and, eq, inArray, lt, lte, type SQL, sql } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { db, dialect, schema, transaction, type Schema } from '#app/lib/db.server.ts'
import { retryDelayMs } from './backoff.ts'
import type { JobDefinition } from './job-definitions.ts'
import { PermanentFailure, TemporaryFailure } from './delivery-errors.ts'

// The jobs table as a queue (docs/decisions/012-durable-jobs.md). Enqueueing joins the caller's transaction,
// so a change that rolls back leaves no job. Workers claim due jobs with a lease: on PostgreSQL with
// FOR UPDATE SKIP LOCKED, so several instances never claim one job twice; on SQLite the claim is one
// BEGIN IMMEDIATE transaction, which the database runs one at a time. A worker that dies leaves its jobs
// "running" with a lease that runs out; the next claim takes them again.

export type Job = Schema['jobs']['$inferSelect']

export interface EnqueueOptions {
  /** One job per key, ever kept: enqueueing the same key again adds nothing. */
  dedupeKey?: string
  runAt?: Date
  now?: Date
}

/** Adds a job (inside the caller's transaction, if any); false when its de-duplication key is already taken. */
export async function enqueueJob<Payload>(
  definition: JobDefinition<Payload>,
  payload: Payload,
  { dedupeKey, runAt, now = new Date() }: EnqueueOptions = {},
): Promise<boolean> {
  const { jobs } = schema()
  const inserted = await db()
    .insert(jobs)
    .values({
      type: definition.type,
      payload: definition.payload.parse(payload) as Record<string, unknown>,
      dedupeKey: dedupeKey ?? null,
      maxAttempts: definition.maxAttempts,
      runAt: runAt ?? now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id })
  return inserted.length > 0
}

/**
 * Adds many jobs of one kind in one statement (inside the caller's transaction, if any), each with its own
 * de-duplication key. Returns the new jobs' ids by key; keys already taken are absent.
 */
export async function enqueueJobs<Payload>(
  definition: JobDefinition<Payload>,
  items: { payload: Payload; dedupeKey: string }[],
  { runAt, now = new Date() }: Omit<EnqueueOptions, 'dedupeKey'> = {},
): Promise<Map<string, string>> {
  const { jobs } = schema()
  const added = new Map<string, string>()
  for (const batch of chunks(items, 500)) {
    const inserted = await db()
      .insert(jobs)
      .values(
        batch.map((item) => ({
          type: definition.type,
          payload: definition.payload.parse(item.payload) as Record<string, unknown>,
          dedupeKey: item.dedupeKey,
          maxAttempts: definition.maxAttempts,
          runAt: runAt ?? now,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: jobs.dedupeKey })
      .returning({ id: jobs.id, dedupeKey: jobs.dedupeKey })
    for (const row of inserted) if (row.dedupeKey) added.set(row.dedupeKey, row.id)
  }
  return added
}

/** Claims up to `limit` due jobs (and jobs whose worker's lease ran out) for this worker. */
export async function claimJobs({
  workerId,
  limit,
  leaseMs,
  now = new Date(),
}: {
  workerId: string
  limit: number
  leaseMs: number
  now?: Date
}): Promise<Job[]> {
  const { jobs } = schema()
  return transaction(async (tx) => {
    // Two questions, not one with OR, so that each walks the (state, run_at) index and stops at `limit`
    // however many jobs are waiting: first jobs whose worker's lease ran out, then the longest-waiting due ones.
    const idsWhere = async (condition: SQL | undefined, count: number) => {
      if (count <= 0) return []
      const query = tx.select({ id: jobs.id }).from(jobs).where(condition).orderBy(jobs.runAt).limit(count)
      return dialect() === 'postgres' ? query.for('update', { skipLocked: true }) : query
    }
    const abandoned = await idsWhere(and(eq(jobs.state, 'running'), lt(jobs.lockedUntil, now)), limit)
    const waiting = await idsWhere(and(eq(jobs.state, 'queued'), lte(jobs.runAt, now)), limit - abandoned.length)
    const ids = [...abandoned, ...waiting].map((row) => row.id)
    if (ids.length === 0) return []
    const claimed = await tx
      .update(jobs)
      .set({
        state: 'running',
        lockedBy: workerId,
        lockedUntil: new Date(now.getTime() + leaseMs),
        attempts: sql`${jobs.attempts} + 1`,
      })
      .where(inArray(jobs.id, ids))
      .returning()
    // A job whose worker died on it every time is not tried for ever.
    const exhausted = claimed.filter((job) => job.attempts > job.maxAttempts)
    if (exhausted.length > 0)
      await tx
        .update(jobs)
        .set({
          state: 'dead',
          lockedBy: null,
          lockedUntil: null,
          finishedAt: now,
          lastError: 'Stopped without finishing on every try (the worker may have crashed)',
        })
        .where(
          inArray(
            jobs.id,
            exhausted.map((job) => job.id),
          ),
        )
    return claimed.filter((job) => job.attempts <= job.maxAttempts)
  })
}

/** Keeps a long job's claim alive. False when the lease was lost (another worker has it now). */
export async function extendLease({
  jobId,
  workerId,
  leaseMs,
  now = new Date(),
}: {
  jobId: string
  workerId: string
  leaseMs: number
  now?: Date
}): Promise<boolean> {
  const { jobs } = schema()
  const rows = await db()
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
    .returning({ id: jobs.id })
  return rows.length > 0
}

export async function completeJob({
  job,
  workerId,
  keep,
  now = new Date(),
}: {
  job: Job
  workerId: string
  /** The payload to keep now the job is done, when not all of it should be. */
  keep?: Record<string, unknown>
  now?: Date
}) {
  const { jobs } = schema()
  await db()
    .update(jobs)
    .set({
      state: 'done',
      lockedBy: null,
      lockedUntil: null,
      finishedAt: now,
      lastError: null,
      ...(keep ? { payload: keep } : {}),
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)))
}

/**
 * Records a failed try. A permanent failure, or the last allowed try, moves the job to dead-letter (shown to
 * administrators); anything else is tried again after a growing wait.
 */
export async function failJob({
  job,
  workerId,
  error,
  now = new Date(),
}: {
  job: Job
  workerId: string
  error: unknown
  now?: Date
}): Promise<'retrying' | 'dead'> {
  const { jobs } = schema()
  const message = reasonForAdministrators(error)
  const dead = error instanceof PermanentFailure || job.attempts >= job.maxAttempts
  await db()
    .update(jobs)
    .set(
      dead
        ? { state: 'dead', lockedBy: null, lockedUntil: null, finishedAt: now, lastError: message }
        : {
            state: 'queued',
            lockedBy: null,
            lockedUntil: null,
            runAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
            lastError: message,
          },
    )
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)))
  return dead ? 'dead' : 'retrying'
}

/** Sends a dead-lettered job round again, with a fresh set of tries. */
export async function retryDeadJob({ jobId, now = new Date() }: { jobId: string; now?: Date }): Promise<Job | null> {
  const { jobs } = schema()
  const [job] = await db()
    .update(jobs)
    .set({ state: 'queued', attempts: 0, runAt: now, finishedAt: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.state, 'dead')))
    .returning()
  return job ?? null
}

const DONE_KEPT_MS = 30 * 24 * 60 * 60_000

/**
 * Finished jobs are kept a month (their de-duplication keys with them), then removed; dead ones stay until an
 * administrator retries them.
 */
export async function pruneFinishedJobs({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const { jobs } = schema()
  const removed = await db()
    .delete(jobs)
    .where(and(eq(jobs.state, 'done'), lt(jobs.finishedAt, new Date(now.getTime() - DONE_KEPT_MS))))
    .returning({ id: jobs.id })
  return removed.length
}

/**
 * Why a try failed, as an administrator reads it on the jobs page. Delivery failures explain themselves
 * (the mail server's answer); anything else is a fault in the platform, whose details belong in the server's
 * log (the worker writes them there), not on screen.
 */
export function reasonForAdministrators(error: unknown): string {
  if (error instanceof TemporaryFailure || error instanceof PermanentFailure) return error.message
  return 'Something went wrong in the platform while doing it. The details are in the server log.'
}
