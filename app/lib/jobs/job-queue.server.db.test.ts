import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { spawn } from 'node:child_process'
import { defineJob } from './job-definitions.ts'
import { pruneJobsJob } from './housekeeping.server.ts'
import { registerJobHandler } from './job-handlers.server.ts'
import { claimJobs, completeJob, enqueueJob, failJob, retryDeadJob } from './job-queue.server.ts'
import { PermanentFailure, TemporaryFailure } from './delivery-errors.ts'
import { startWorker, type Worker } from './worker.server.ts'
import { enqueueScheduledJobs } from './schedules.server.ts'

const noteJob = defineJob('test.note', z.object({ note: z.string() }), { maxAttempts: 3 })
const LEASE_MS = 60_000
const at = (iso: string) => new Date(iso)

async function jobRows() {
  const { jobs } = schema()
  return db().select().from(jobs).orderBy(jobs.createdAt)
}

// The test file shares one database: each test starts with an empty queue.
beforeEach(async () => {
  await db().delete(schema().jobs)
})

const workers: Worker[] = []
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()))
})

function aQuietWorker(concurrency = 10) {
  const worker = startWorker({ concurrency, idlePollMs: 10, schedules: false, log: () => undefined })
  workers.push(worker)
  return worker
}

describe('enqueueing', () => {
  test('a job enqueued in a transaction that rolls back never exists, so never runs', async () => {
    await expect(
      transaction(async () => {
        await enqueueJob(noteJob, { note: 'rolled back' })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    await transaction(() => enqueueJob(noteJob, { note: 'kept' }))
    expect((await jobRows()).map((job) => job.payload)).toEqual([{ note: 'kept' }])
  })

  test('a de-duplication key adds the job once however often it is enqueued', async () => {
    expect(await enqueueJob(noteJob, { note: 'first' }, { dedupeKey: 'person-1:assigned:2026-11-30' })).toBe(true)
    expect(await enqueueJob(noteJob, { note: 'second' }, { dedupeKey: 'person-1:assigned:2026-11-30' })).toBe(false)
    expect((await jobRows()).map((job) => job.payload)).toEqual([{ note: 'first' }])
  })

  test('a payload that does not fit the job is refused when enqueued, not when run', async () => {
    await expect(enqueueJob(noteJob, { note: 42 } as unknown as { note: string })).rejects.toThrow()
  })
})

describe('claiming with a lease', () => {
  test('a job is claimed by one worker; after its lease runs out another worker takes it', async () => {
    await enqueueJob(noteJob, { note: 'x' }, { now: at('2026-11-30T09:00:00Z') })
    const [first] = await claimJobs({ workerId: 'a', limit: 5, leaseMs: LEASE_MS, now: at('2026-11-30T09:00:01Z') })
    expect(first?.attempts).toBe(1)
    expect(await claimJobs({ workerId: 'b', limit: 5, leaseMs: LEASE_MS, now: at('2026-11-30T09:00:30Z') })).toEqual([])
    const [again] = await claimJobs({ workerId: 'b', limit: 5, leaseMs: LEASE_MS, now: at('2026-11-30T09:01:02Z') })
    expect(again).toMatchObject({ id: first?.id, lockedBy: 'b', attempts: 2 })
    // The first worker, back from the dead, cannot record an outcome for a job it no longer holds.
    await completeJob({ job: first!, workerId: 'a', now: at('2026-11-30T09:01:03Z') })
    expect((await jobRows())[0]).toMatchObject({ state: 'running', lockedBy: 'b' })
  })

  test('a job whose worker keeps dying is set aside after its last try', async () => {
    await enqueueJob(noteJob, { note: 'x' }, { now: at('2026-11-30T09:00:00Z') })
    let when = at('2026-11-30T09:00:00Z').getTime()
    for (let attempt = 1; attempt <= 3; attempt++) {
      when += 2 * LEASE_MS
      expect(
        await claimJobs({ workerId: `w${attempt}`, limit: 1, leaseMs: LEASE_MS, now: new Date(when) }),
      ).toHaveLength(1)
    }
    when += 2 * LEASE_MS
    expect(await claimJobs({ workerId: 'w4', limit: 1, leaseMs: LEASE_MS, now: new Date(when) })).toEqual([])
    expect((await jobRows())[0]).toMatchObject({ state: 'dead' })
  })

  test('a job due later is not claimed before its time', async () => {
    await enqueueJob(noteJob, { note: 'later' }, { runAt: at('2026-11-30T12:00:00Z') })
    expect(await claimJobs({ workerId: 'a', limit: 5, leaseMs: LEASE_MS, now: at('2026-11-30T11:59:59Z') })).toEqual([])
    expect(
      await claimJobs({ workerId: 'a', limit: 5, leaseMs: LEASE_MS, now: at('2026-11-30T12:00:00Z') }),
    ).toHaveLength(1)
  })
})

describe('failures', () => {
  test('a temporary failure is tried again later, each wait longer than the last', async () => {
    await enqueueJob(noteJob, { note: 'x' }, { now: at('2026-11-30T09:00:00Z') })
    const waits: number[] = []
    let now = at('2026-11-30T09:00:00Z')
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [job] = await claimJobs({ workerId: 'a', limit: 1, leaseMs: LEASE_MS, now })
      expect(await failJob({ job: job!, workerId: 'a', error: new TemporaryFailure('451 try later'), now })).toBe(
        'retrying',
      )
      const [row] = await jobRows()
      expect(row).toMatchObject({ state: 'queued', lastError: '451 try later' })
      waits.push(row!.runAt.getTime() - now.getTime())
      now = row!.runAt
    }
    expect(waits[0]).toBeGreaterThanOrEqual(30_000)
    expect(waits[1]).toBeGreaterThan(waits[0]!)
  })

  test('a fault in the platform is retried, and administrators read a sentence, not the error', async () => {
    await enqueueJob(noteJob, { note: 'x' }, { now: at('2026-11-30T09:00:00Z') })
    const [job] = await claimJobs({ workerId: 'a', limit: 1, leaseMs: LEASE_MS, now: at('2026-11-30T09:00:00Z') })
    const fault = new TypeError("Cannot read properties of undefined (reading 'email')")
    expect(await failJob({ job: job!, workerId: 'a', error: fault })).toBe('retrying')
    const [row] = await jobRows()
    expect(row!.lastError).toBe(
      'Something went wrong in the platform while doing it. The details are in the server log.',
    )
  })

  test('a permanent failure goes straight to dead-letter, and a retry runs it again from scratch', async () => {
    await enqueueJob(noteJob, { note: 'x' }, { now: at('2026-11-30T09:00:00Z') })
    const [job] = await claimJobs({ workerId: 'a', limit: 1, leaseMs: LEASE_MS, now: at('2026-11-30T09:00:00Z') })
    expect(await failJob({ job: job!, workerId: 'a', error: new PermanentFailure('550 no such mailbox') })).toBe('dead')
    expect((await jobRows())[0]).toMatchObject({ state: 'dead', lastError: '550 no such mailbox' })
    expect(await claimJobs({ workerId: 'a', limit: 1, leaseMs: LEASE_MS, now: at('2026-12-30T09:00:00Z') })).toEqual([])

    await retryDeadJob({ jobId: job!.id, now: at('2026-11-30T10:00:00Z') })
    const [retried] = await claimJobs({ workerId: 'b', limit: 1, leaseMs: LEASE_MS, now: at('2026-11-30T10:00:00Z') })
    expect(retried).toMatchObject({ id: job!.id, attempts: 1 })
  })
})

describe('recurring work', () => {
  test('the daily sweep is added once per day from 07:00, however many workers ask', async () => {
    const sweeps = async () => (await jobRows()).filter((job) => job.type === 'reminders.sweep').length
    await enqueueScheduledJobs({ now: at('2026-11-30T06:59:00Z') })
    expect(await sweeps()).toBe(0)
    await Promise.all([
      enqueueScheduledJobs({ now: at('2026-11-30T07:00:00Z') }),
      enqueueScheduledJobs({ now: at('2026-11-30T07:00:01Z') }),
    ])
    await enqueueScheduledJobs({ now: at('2026-11-30T18:00:00Z') })
    expect(await sweeps()).toBe(1)
    await enqueueScheduledJobs({ now: at('2026-12-01T07:05:00Z') })
    expect(await sweeps()).toBe(2)
  })
})

describe('workers', () => {
  test('two workers share 1,000 jobs and run each exactly once', { timeout: 60_000 }, async () => {
    const runs = new Map<string, number>()
    const countedJob = defineJob('test.counted', z.object({ n: z.number() }))
    registerJobHandler(countedJob, {
      async run({ n }) {
        await new Promise((resolve) => setTimeout(resolve, n % 3))
        runs.set(String(n), (runs.get(String(n)) ?? 0) + 1)
      },
      describe: ({ n }) => `job ${n}`,
    })
    await transaction(async () => {
      for (let n = 0; n < 1000; n++) await enqueueJob(countedJob, { n })
    })
    const [one, two] = [aQuietWorker(), aQuietWorker()]
    await Promise.all([one.idle(), two.idle()])
    while ((await jobRows()).some((job) => job.state !== 'done')) await Promise.all([one.idle(), two.idle()])

    expect(runs.size).toBe(1000)
    expect([...runs.values()].every((count) => count === 1)).toBe(true)
    expect((await jobRows()).filter((job) => job.state === 'done')).toHaveLength(1000)
  })

  test(
    'a worker in another process and one in this process share 300 jobs, each claimed once',
    { timeout: 120_000 },
    async () => {
      await transaction(async () => {
        for (let n = 0; n < 300; n++) await enqueueJob(pruneJobsJob, { day: `shared-${n}` })
      })
      const other = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        stdio: 'ignore',
      })
      const here = aQuietWorker(4)
      try {
        while ((await jobRows()).some((job) => job.state !== 'done')) await here.idle()
      } finally {
        other.kill('SIGTERM')
        await new Promise((resolve) => other.once('exit', resolve))
      }
      // The other worker also adds its own scheduled jobs (today's sweep and so on): only ours are counted.
      const rows = (await jobRows()).filter((job) => String(job.payload.day).startsWith('shared-'))
      expect(rows).toHaveLength(300)
      expect(rows.filter((job) => job.state === 'done' && job.attempts === 1)).toHaveLength(300)
    },
  )

  test('a handler that throws a permanent failure leaves the job dead with its reason', async () => {
    const refusedJob = defineJob('test.refused', z.object({}))
    registerJobHandler(refusedJob, {
      run: async () => {
        throw new PermanentFailure('550 mailbox unavailable')
      },
      describe: () => 'refused',
    })
    await enqueueJob(refusedJob, {})
    const worker = aQuietWorker()
    await worker.idle()
    await worker.idle()
    expect((await jobRows())[0]).toMatchObject({ state: 'dead', lastError: '550 mailbox unavailable', attempts: 1 })
  })
})
