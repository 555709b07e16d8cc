import type { z } from 'zod'

/**
 * A kind of background work: its name in the jobs table, the shape of its payload, how often to try it, and
 * how to describe one to an administrator. Domains define their jobs; what runs them is registered separately
 * (app/lib/install-effects.server.ts), so the queue never imports the domains whose work it carries.
 */
export interface JobDefinition<Payload> {
  type: string
  payload: z.ZodType<Payload>
  maxAttempts: number
  /** What of the payload to keep once the job has finished (a password reset link is not kept). */
  keepWhenFinished?: (payload: Payload) => Payload
}

export function defineJob<Payload>(
  type: string,
  payload: z.ZodType<Payload>,
  { maxAttempts = 8, keepWhenFinished }: Pick<Partial<JobDefinition<Payload>>, 'maxAttempts' | 'keepWhenFinished'> = {},
): JobDefinition<Payload> {
  return { type, payload, maxAttempts, keepWhenFinished }
}
