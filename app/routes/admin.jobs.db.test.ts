import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { auditPage } from '#app/lib/audit/audit-query.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { PermanentFailure } from '#app/lib/jobs/delivery-errors.ts'
import { defineJob } from '#app/lib/jobs/job-definitions.ts'
import { registerJobHandler } from '#app/lib/jobs/job-handlers.server.ts'
import { claimJobs, enqueueJob, failJob } from '#app/lib/jobs/job-queue.server.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { action, loader } from './admin.jobs.tsx'

const letterJob = defineJob('test.letter', z.object({ to: z.string() }))
registerJobHandler(letterJob, { run: async () => undefined, describe: ({ to }) => `Letter to ${to}` })

async function aJobThatFailedForGood() {
  await enqueueJob(letterJob, { to: 'the ward' })
  const [job] = await claimJobs({ workerId: 'test', limit: 1, leaseMs: 60_000 })
  await failJob({ job: job!, workerId: 'test', error: new PermanentFailure('550 mailbox unavailable') })
  return job!
}

describe('the background jobs page', () => {
  test('is for administrators only', async () => {
    const learner = await createUser()
    const request = await signedInRequest(learner.id, '/admin/jobs')
    expect(await statusOf(loader({ request, params: {}, context: loadContext }))).toBe(403)
  })

  test('lists a job that failed for good in words, and trying it again queues it and is audited', async () => {
    const admin = await createUser({ isAdmin: true })
    const job = await aJobThatFailedForGood()

    const page = await loader({
      request: await signedInRequest(admin.id, '/admin/jobs'),
      params: {},
      context: loadContext,
    })
    expect(page.setAside).toBe(1)
    expect(page.dead).toEqual([
      expect.objectContaining({ what: 'Letter to the ward', lastError: '550 mailbox unavailable', tries: 1 }),
    ])

    const retry = await signedInRequest(admin.id, '/admin/jobs', {
      method: 'POST',
      body: new URLSearchParams({ jobId: job.id }),
    })
    const response = await action({ request: retry, params: {}, context: loadContext })
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).headers.get('Location')).toBe('/admin/jobs?retried=1')
    const [row] = await db().select().from(schema().jobs)
    expect(row).toMatchObject({ state: 'queued', attempts: 0 })

    const audit = await auditPage({ filters: { subjectId: job.id } })
    expect(audit.entries.map((entry) => [entry.action, entry.actorName, entry.subjectName])).toEqual([
      ['job.retried', admin.name, 'Letter to the ward'],
    ])
  })
})
