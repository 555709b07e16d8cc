import { describe, expect, test } from 'vitest'
import { createCourse, markAuRemoved } from '#tests/courses.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import { action, loader } from './course-launch.tsx'

async function post(userId: string | null, fields: Record<string, string>) {
  const init = { method: 'POST', body: new URLSearchParams(fields) }
  const request = userId
    ? await signedInRequest(userId, '/course-launch', init)
    : new Request('http://localhost/course-launch', init)
  try {
    return (await action({ request, params: {}, context: loadContext })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('POST /course-launch', () => {
  test('redirects the signed-in learner to the AU with the launch parameters', async () => {
    const user = await createUser()
    const { course, aus } = await createCourse()
    const response = await post(user.id, { course: course.id, au: aus[0]!.id, returnTo: '/courses/a-course' })
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('Location') ?? '')
    expect(location.pathname).toBe(`/course-files/${course.packageHash}/${aus[0]!.url}`)
    expect([...location.searchParams.keys()]).toEqual(['endpoint', 'fetch', 'actor', 'registration', 'activityId'])
  })

  test('refuses another site as the return address, a removed AU, and anyone not signed in', async () => {
    const user = await createUser()
    const { course, aus } = await createCourse({ aus: [{}, {}] })
    expect((await post(user.id, { course: course.id, au: aus[0]!.id, returnTo: '//evil.example/' })).status).toBe(400)
    await markAuRemoved(aus[1]!.id)
    expect((await post(user.id, { course: course.id, au: aus[1]!.id, returnTo: '/' })).status).toBe(404)
    const other = await createCourse()
    expect((await post(user.id, { course: other.course.id, au: aus[0]!.id, returnTo: '/' })).status).toBe(404)
    const anonymous = await post(null, { course: course.id, au: aus[0]!.id, returnTo: '/' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
  })

  test('answers GET with 405', () => {
    expect(loader().status).toBe(405)
  })
})
