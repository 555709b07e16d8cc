import { describe, expect, test } from 'vitest'
import { waiveChoices } from '#app/lib/courses/waive.server.ts'
import { createAuProgress, createCourseRegistration, createCourseSession } from '#tests/course-rows.ts'
import { createCourse } from '#tests/courses.ts'
import { createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import * as courseAdmin from './admin.courses.$courseId.tsx'
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

async function renderPersonPage(adminId: string, params: { courseId: string; personId: string }, query: string) {
  return renderRoute(
    { pattern: '/admin/courses/:courseId/waive/:personId', loader: person.loader, Component: person.default },
    await signedInRequest(adminId, `/admin/courses/${params.courseId}/waive/${params.personId}${query}`),
  )
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
    expect(done.headers.get('Location')).toBe(
      `/admin/courses/${course.id}/waive?waived=${learner.id}&unit=${aus[0]!.id}`,
    )
    expect((await waiveChoices({ courseRowId: course.id, userId: learner.id }))?.units[0]?.waived).toBe(true)

    const again = await post(admin.id, params, { intent: 'check', unit: aus[0]!.id, reason: 'Administrative' })
    expect(bodyOf(again).errors).toEqual({ unit: 'Choose the unit to waive' })

    const page = readableText(
      await renderRoute(
        { pattern: '/admin/courses/:courseId/waive', loader: search.loader, Component: search.default },
        await signedInRequest(admin.id, done.headers.get('Location') ?? ''),
      ),
    )
    expect(page).toContain(`'Spotting phishing' in '${course.title['en-GB']}' waived for ${learner.name}`)
    expect(page).toMatch(/Back to Course \S+/)

    // The course's page counts who has taken it and lists the waiver. A waiver alone opens nothing.
    const courseText = async () =>
      readableText(
        await renderRoute(
          { pattern: '/admin/courses/:courseId', loader: courseAdmin.loader, Component: courseAdmin.default },
          await signedInRequest(admin.id, `/admin/courses/${course.id}`),
        ),
      )
    const coursePage = await courseText()
    expect(coursePage).toContain('Who has taken it Nobody has opened this course yet. Nobody has finished it yet.')
    const waiverRow = coursePage.slice(coursePage.indexOf('Units waived'))
    expect(waiverRow).toContain(learner.name)
    expect(waiverRow).toContain('Spotting phishing')
    expect(waiverRow).toContain('Equivalent outside activity')
    expect(waiverRow).not.toContain('completed equivalent learning elsewhere')

    const finisher = await createUser()
    const registration = await createCourseRegistration({
      courseRowId: course.id,
      userId: finisher.id,
      satisfiedAt: new Date(),
    })
    await createCourseSession({ registration, auRowId: aus[1]!.id })
    expect(await courseText()).toContain('1 person has opened this course. 1 person has finished it.')
  })

  test('a unit the learner has already done is not offered, and refused if posted anyway', async () => {
    const admin = await createUser({ isAdmin: true })
    const learner = await createUser()
    const { course, aus } = await createCourse({ aus: [{ title: 'Done already' }, { title: 'Still to do' }] })
    const registration = await createCourseRegistration({ courseRowId: course.id, userId: learner.id })
    await createAuProgress({ registration, auRowId: aus[0]!.id, completedAt: new Date(), satisfiedAt: new Date() })
    const params = { courseId: course.id, personId: learner.id }
    const form = readableText(await renderPersonPage(admin.id, params, ''))
    expect(form).toContain(`Already done by ${learner.name}, so not offered: Done already.`)
    expect(form).toMatch(/Which unit\? Still to do Why/)
    const refused = await post(admin.id, params, { intent: 'confirm', unit: aus[0]!.id, reason: 'Administrative' })
    expect(bodyOf(refused).errors).toEqual({
      unit: `${learner.name} has already done Done already, so it cannot be waived`,
    })
    const choices = await waiveChoices({ courseRowId: course.id, userId: learner.id })
    expect(choices?.units.map((unit) => [unit.met, unit.waived])).toEqual([
      [true, false],
      [false, false],
    ])
  })

  test('"Change the unit or reason" on the check step keeps both answers; the trail names the course', async () => {
    const admin = await createUser({ isAdmin: true })
    const learner = await createUser()
    const { course, aus } = await createCourse({ aus: [{ title: 'First' }, { title: 'Second' }] })
    const params = { courseId: course.id, personId: learner.id }
    const path = `/admin/courses/${course.id}/waive/${learner.id}`
    const check = await renderRoute(
      {
        pattern: '/admin/courses/:courseId/waive/:personId',
        loader: person.loader,
        action: person.action,
        Component: person.default,
      },
      await signedInRequest(admin.id, path, {
        method: 'POST',
        body: new URLSearchParams({ intent: 'check', unit: aus[1]!.id, reason: 'Tested Out' }),
      }),
    )
    const change = /href="([^"]+)"[^>]*>Change the unit or reason/.exec(check)?.[1]?.replaceAll('&amp;', '&')
    expect(change).toBeTruthy()
    const form = await renderPersonPage(admin.id, params, new URL(change ?? '', `http://localhost${path}`).search)
    expect(form).toMatch(new RegExp(`checked="" value="${aus[1]!.id}"`))
    expect(form).toMatch(/checked="" value="Tested Out"/)
    expect(form).toContain(`href="/admin/courses/${course.id}"`)
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
