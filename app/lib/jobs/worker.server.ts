import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { claimJobs, completeJob, extendLease, failJob, type Job } from './job-queue.server.ts'
import { PermanentFailure, TemporaryFailure } from './delivery-errors.ts'
import { jobHandlerFor } from './job-handlers.server.ts'
import { enqueueScheduledJobs } from './schedules.server.ts'

export interface WorkerOptions {
  /** Jobs run at once (emails wait on the mail server, not on this process's CPU). */
  concurrency?: number
  /** How long a claim lasts without being renewed; another worker takes the job after that. */
  leaseMs?: number
  /** How long to wait before asking again when there was nothing to do. */
  idlePollMs?: number
  /** Whether this worker also adds the recurring jobs (sweeps, digests) when their period comes round. */
  schedules?: boolean
  now?: () => Date
  log?: (line: string) => void
}

export interface Worker {
  id: string
  /** Stops claiming, and resolves when the jobs it holds have finished. */
  stop(): Promise<void>
  /** Resolves when nothing is running and the last claim found nothing due (for tests and benchmarks). */
  idle(): Promise<void>
}

/**
 * Runs due jobs until stopped: claims as many as it has room for, runs each with its handler, renews leases
 * while they run, and records the outcome. The only timers here are polling; what is due lives in the table.
 */
export function startWorker({
  concurrency = 10,
  leaseMs = 5 * 60_000,
  idlePollMs = 1000,
  schedules = true,
  now = () => new Date(),
  log = (line) => console.log(line),
}: WorkerOptions = {}): Worker {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const running = new Set<Promise<void>>()
  let stopped = false
  let wake: (() => void) | null = null
  let idleWaiters: (() => void)[] = []

  async function runOne(job: Job) {
    const registered = jobHandlerFor(job.type)
    const renew = setInterval(() => {
      void extendLease({ jobId: job.id, workerId: id, leaseMs, now: now() }).catch(() => undefined)
    }, leaseMs / 2)
    try {
      if (!registered) throw new Error(`No handler is installed for jobs of type ${job.type}`)
      const payload = registered.definition.payload.parse(job.payload)
      await registered.handler.run(payload, { id: job.id, attempt: job.attempts })
      const keep = registered.definition.keepWhenFinished?.(payload) as Record<string, unknown> | undefined
      await completeJob({ job, workerId: id, keep, now: now() })
    } catch (error) {
      if (!(error instanceof TemporaryFailure || error instanceof PermanentFailure))
        log(`Job ${job.type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      const outcome = await failJob({ job, workerId: id, error, now: now() }).catch(() => 'unrecorded')
      if (outcome === 'dead') log(`Job ${job.type} failed and was set aside for an administrator: ${String(error)}`)
    } finally {
      clearInterval(renew)
    }
  }

  async function loop() {
    let lastScheduleCheck = 0
    while (!stopped) {
      let claimed: Job[] = []
      try {
        const at = now()
        if (schedules && at.getTime() - lastScheduleCheck >= 60_000) {
          lastScheduleCheck = at.getTime()
          await enqueueScheduledJobs({ now: at })
        }
        const room = concurrency - running.size
        if (room > 0) claimed = await claimJobs({ workerId: id, limit: room, leaseMs, now: at })
      } catch (error) {
        log(`The job worker could not reach the database: ${error instanceof Error ? error.message : error}`)
      }
      for (const job of claimed) {
        const run = runOne(job).finally(() => {
          running.delete(run)
          wake?.()
        })
        running.add(run)
      }
      if (claimed.length === 0 && running.size === 0) {
        for (const resolve of idleWaiters) resolve()
        idleWaiters = []
      }
      // Full (or nothing due): wait for a job to finish or the poll interval, whichever comes first.
      if (claimed.length === 0 || running.size >= concurrency) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, running.size >= concurrency ? 60_000 : idlePollMs)
          wake = () => {
            clearTimeout(timer)
            wake = null
            resolve()
          }
        })
      }
    }
  }

  const looping = loop()
  return {
    id,
    async stop() {
      stopped = true
      wake?.()
      await looping
      await Promise.all(running)
    },
    idle() {
      return new Promise((resolve) => idleWaiters.push(resolve))
    },
  }
}
