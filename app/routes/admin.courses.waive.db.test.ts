import { describe, expect, test } from 'vitest'
import { waiveChoices } from '#app/lib/courses/waive.server.ts'
import { createCourse } from '#tests/courses.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import * as search from './admin.courses.$courseId_.waive.tsx'
import * as person from './admin.courses.$courseId_.waive_.$personId.tsx'

async function post(adminId: string, params: { courseId: string; personId: string }, fields: Record<string, string>) {
  const request = await signedInRequest(adminId, `/admin/courses/${params.courseId}/waive/${params.personId}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  })
  try {
    return await person.action({ request, params, context: loadContext })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const bodyOf = (answer: unknown) => (answer as { data: Record<string, unknown> }).data

describe('waiving a course unit', () => {
  test('check, then confirm: the unit is waived and the search page says so', async () => {
    const admin = await createUser({ isAdmin: true })
    const learner = await createUser()
    const { course, aus } = await createCourse({ aus: [{ title: 'Spotting phishing' }, {}] })
    const params = { courseId: course.id, personId: learner.id }

    const missing = await post(admin.id, params, { intent: 'check', unit: aus[0]!.id })
    expect(bodyOf(missing).errors).toEqual({ reason: 'Choose why the unit is waived' })

    const check = await post(admin.id, params, {
      intent: 'check',
      unit: aus[0]!.id,
      reason: 'Equivalent Outside Activity',
    })
    expect(bodyOf(check).check).toMatchObject({ unitTitle: 'Spotting phishing', reason: 'Equivalent Outside Activity' })
    expect((await waiveChoices({ courseRowId: course.id, userId: learner.id }))?.units[0]?.waived).toBe(false)

    const done = (await post(admin.id, params, {
      intent: 'confirm',
      unit: aus[0]!.id,
      reason: 'Equivalent Outside Activity',
    })) as Response
    expect(done.status).toBe(303)
    expect(done.headers.get('Location')).toBe(`/admin/courses/${course.id}/waive?waived=${learner.id}`)
    expect((await waiveChoices({ courseRowId: course.id, userId: learner.id }))?.units[0]?.waived).toBe(true)

    const again = await post(admin.id, params, { intent: 'check', unit: aus[0]!.id, reason: 'Administrative' })
    expect(bodyOf(again).errors).toEqual({ unit: 'Choose the unit to waive' })

    const page = await search.loader({
      request: await signedInRequest(admin.id, `/admin/courses/${course.id}/waive?waived=${learner.id}`),
      params: { courseId: course.id },
      context: loadContext,
    })
    expect(page).toMatchObject({ banner: `Unit waived for ${learner.name}` })
  })

  test('only administrators; an unknown course or person is not found', async () => {
    const admin = await createUser({ isAdmin: true })
    const learner = await createUser()
    const { course } = await createCourse()
    const load = async (userId: string, courseId: string, personId: string) =>
      statusOf(
        person.loader({
          request: await signedInRequest(userId, `/admin/courses/${courseId}/waive/${personId}`),
          params: { courseId, personId },
          context: loadContext,
        }),
      )
    expect(await load(learner.id, course.id, learner.id)).toBe(403)
    expect(await load(admin.id, 'no-such-course', learner.id)).toBe(404)
    expect(await load(admin.id, course.id, 'no-such-person')).toBe(404)
    expect(await load(admin.id, course.id, learner.id)).toBe(200)
  })
})
