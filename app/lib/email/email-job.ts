import { z } from 'zod'
import { defineJob } from '#app/lib/jobs/job-definitions.ts'
import { emailKindSchema } from './outgoing-email.ts'

/**
 * One email to one person. The payload names the person, not their address: the message is written when it
 * is sent, to the address they have then, and not at all if they have left (been suspended) or opted out.
 */
export const emailJob = defineJob(
  'email',
  z.object({
    kind: emailKindSchema,
    userId: z.string(),
    /** What the kind's template needs besides the recipient's first name (links, titles, dates as ISO strings). */
    params: z.record(z.string(), z.unknown()),
  }),
  {
    // A reset link in a finished job's row would still work until it lapsed: keep only who and what.
    keepWhenFinished: ({ kind, userId, params }) =>
      kind === 'password-reset' ? { kind, userId, params: {} } : { kind, userId, params },
  },
)

export type EmailJobPayload = z.infer<typeof emailJob.payload>
