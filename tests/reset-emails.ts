import { eq } from 'drizzle-orm'
import { db, schema } from '#app/lib/db.server.ts'

// The password reset emails waiting in the job queue, as the worker would send them: read straight from the
// jobs table, so tests see exactly what was enqueued (and nothing a rolled-back transaction wrote).

export interface QueuedResetEmail {
  userId: string
  resetUrl: string
  expiresInMinutes: unknown
  token: string
}

export async function queuedResetEmails(): Promise<QueuedResetEmail[]> {
  const { jobs } = schema()
  const rows = await db().select().from(jobs).where(eq(jobs.type, 'email')).orderBy(jobs.createdAt)
  return rows.flatMap(({ payload }) => {
    const params = payload.params as Record<string, unknown> | undefined
    if (payload.kind !== 'password-reset' || typeof params?.resetUrl !== 'string') return []
    const resetUrl = params.resetUrl
    return [
      {
        userId: String(payload.userId),
        resetUrl,
        expiresInMinutes: params.expiresInMinutes,
        token: resetUrl.slice(resetUrl.lastIndexOf('/') + 1),
      },
    ]
  })
}

/** The emails queued for one person. */
export async function resetEmailsFor(userId: string): Promise<QueuedResetEmail[]> {
  return (await queuedResetEmails()).filter((email) => email.userId === userId)
}
