import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { appAuthority } from '#app/lib/xapi/model/agents.ts'
import { createCourse } from '#tests/courses.ts'
import { createUser } from '#tests/factories.ts'
import { rebuildCourseProgress } from './au-progress.server.ts'
import { cmi5Extensions, cmi5Verbs, moveOnCategory, platformObjectId } from './cmi5-vocabulary.ts'
import { waiveAu, waiveChoices } from './waive.server.ts'

type Json = Record<string, unknown>

async function statementsAbout(userId: string) {
  const { xapiStatements } = schema()
  const rows = await db()
    .select({ statement: xapiStatements.statement })
    .from(xapiStatements)
    .where(eq(xapiStatements.userId, userId))
    .orderBy(xapiStatements.seq)
  return rows.map((row) => row.statement as Json)
}

test('waiving every unit satisfies the block and the course, in the waiver’s own session, and is audited', async () => {
  const admin = await createUser({ isAdmin: true })
  const learner = await createUser()
  const block = 'https://courses.example.test/block-w'
  const { course, aus } = await createCourse({ aus: [{ blockIds: [block] }, { blockIds: [block] }] })
  const waive = (index: number) =>
    waiveAu({ admin, courseRowId: course.id, auRowId: aus[index]!.id, userId: learner.id, reason: 'Tested Out' })

  expect(await waive(0)).toEqual({ ok: true })
  expect(await waive(0)).toEqual({ ok: false, reason: 'already-waived' })
  let statements = await statementsAbout(learner.id)
  expect(statements.map((s) => (s.verb as Json).id)).toEqual([cmi5Verbs.waived])
  expect(statements[0]).toMatchObject({
    authority: appAuthority({ publicUrl }),
    object: { id: aus[0]!.activityId },
    result: { success: true, completion: true, extensions: { [cmi5Extensions.reason]: 'Tested Out' } },
    context: {
      contextActivities: { category: expect.arrayContaining([moveOnCategory]), grouping: [{ id: aus[0]!.auId }] },
    },
  })

  expect(await waive(1)).toEqual({ ok: true })
  statements = await statementsAbout(learner.id)
  expect(
    statements.map((s) =>
      String((s.verb as Json).id)
        .split('/')
        .at(-1),
    ),
  ).toEqual(['waived', 'waived', 'satisfied', 'satisfied'])
  const session = (s: Json) => ((s.context as Json).extensions as Json)[cmi5Extensions.sessionId]
  expect(session(statements[0]!)).not.toBe(session(statements[1]!))
  expect(session(statements[3]!)).toBe(session(statements[1]!))
  expect(statements.slice(2).map((s) => (s.object as Json).id)).toEqual([
    platformObjectId(xapiActivityBase, 'block', block),
    platformObjectId(xapiActivityBase, 'course', course.courseId),
  ])

  const choices = await waiveChoices({ courseRowId: course.id, userId: learner.id })
  expect(choices?.units.map((unit) => unit.waived)).toEqual([true, true])

  const { auditEvents, courseAuProgress } = schema()
  const audit = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, learner.id))
  expect(audit.map((entry) => entry.action)).toEqual(['person.course-unit-waived', 'person.course-unit-waived'])
  expect(audit[0]).toMatchObject({
    actorId: admin.id,
    after: { unit: 'Unit 1', reason: expect.stringMatching(/^Tested out/) },
  })

  const before = await db().select().from(courseAuProgress).orderBy(courseAuProgress.auRowId)
  await rebuildCourseProgress()
  expect(await db().select().from(courseAuProgress).orderBy(courseAuProgress.auRowId)).toEqual(before)
  expect(before.every((row) => row.waivedReason === 'Tested Out' && row.satisfiedAt !== null)).toBe(true)
})

test('a unit cannot be waived through another course', async () => {
  const admin = await createUser({ isAdmin: true })
  const learner = await createUser()
  const { aus } = await createCourse()
  const other = await createCourse()
  expect(
    await waiveAu({
      admin,
      courseRowId: other.course.id,
      auRowId: aus[0]!.id,
      userId: learner.id,
      reason: 'Administrative',
    }),
  ).toEqual({ ok: false, reason: 'not-found' })
})
