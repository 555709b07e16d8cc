import { enqueueJob } from '#app/lib/jobs/job-queue.server.ts'
import { emailJob, type EmailJobPayload } from './email-job.ts'

/**
 * Queues an email to a person, in the caller's transaction: if the change that causes it rolls back, nothing
 * is sent. A `dedupeKey` makes it idempotent (a reminder keyed by person, subject, kind and period). Returns
 * false when that key was already used.
 */
export function enqueueEmail(
  { kind, userId, params }: EmailJobPayload,
  options: { dedupeKey?: string; runAt?: Date; now?: Date } = {},
): Promise<boolean> {
  return enqueueJob(emailJob, { kind, userId, params }, options)
}
