import { describe, expect, test } from 'vitest'
import { createCourse, markAuRemoved } from '#tests/courses.ts'
import { useContentWithCourses } from '#tests/course-content.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import LaunchProblemPage, { action, loader } from './course-launch.tsx'

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

  test('a launch that cannot go ahead leads to a page saying why, never to bare text', async () => {
    const user = await createUser()
    const { course, aus } = await createCourse({ aus: [{}, {}] })
    const incomplete = await post(user.id, { course: course.id, au: aus[0]!.id, returnTo: '//evil.example/' })
    expect(incomplete.status).toBe(303)
    expect(incomplete.headers.get('Location')).toBe('/course-launch?problem=incomplete')
    await markAuRemoved(aus[1]!.id)
    const removed = await post(user.id, { course: course.id, au: aus[1]!.id, returnTo: '/' })
    expect(removed.headers.get('Location')).toBe(`/course-launch?problem=unavailable&course=${course.id}`)
    const other = await createCourse()
    const mismatched = await post(user.id, { course: other.course.id, au: aus[0]!.id, returnTo: '/' })
    expect(mismatched.headers.get('Location')).toBe(`/course-launch?problem=unavailable&course=${other.course.id}`)
  })

  test('someone whose session lapsed signs in and comes back to the course page, not to the launch address', async () => {
    const { course, aus } = await createCourse()
    const anonymous = await post(null, { course: course.id, au: aus[0]!.id, returnTo: '/courses/a-course' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toBe(`/login?${new URLSearchParams({ redirectTo: '/courses/a-course' })}`)
    const lapsed = await post(null, { course: course.id, au: aus[0]!.id, returnTo: '//evil.example/' })
    expect(lapsed.headers.get('Location')).toBe(`/login?${new URLSearchParams({ redirectTo: '/modules' })}`)
  })
})

describe('GET /course-launch', () => {
  const get = async (userId: string | null, query: string) => {
    const url = `http://localhost/course-launch${query}`
    const request = userId ? await signedInRequest(userId, `/course-launch${query}`) : new Request(url)
    try {
      return await loader({ request, params: {}, context: loadContext })
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      throw thrown
    }
  }

  test('names the problem, in the page layout, with a link back to the course when it is known', async () => {
    const content = useContentWithCourses([
      {
        course: 'https://courses.example.test/launch-problems',
        slug: 'launch-problems',
        competencies: [{ id: 'SAFE.1', level: 1 }],
        audience: ['clinical'],
        status: 'published',
      },
    ])
    try {
      const user = await createUser()
      const { course } = await createCourse({
        courseId: 'https://courses.example.test/launch-problems',
        title: 'Launching safely',
      })
      const request = await signedInRequest(user.id, `/course-launch?problem=unavailable&course=${course.id}`)
      const html = await renderRoute({ pattern: '/course-launch', loader, Component: LaunchProblemPage }, request)
      const text = readableText(html)
      expect(text).toContain('This part of the course cannot be opened')
      expect(text).toContain('That course unit is not available.')
      expect(html).toContain('href="/courses/launch-problems"')
      expect(text).toContain('Back to Launching safely')
      expect(html).toContain('aria-label="Breadcrumb"')
      const unknown = readableText(
        await renderRoute(
          { pattern: '/course-launch', loader, Component: LaunchProblemPage },
          await signedInRequest(user.id, '/course-launch?problem=unavailable&course=no-such-course'),
        ),
      )
      expect(unknown).toContain('Find the course in the modules')

      // On its own, the address leads to the course page when it names the course, otherwise the modules.
      const toCourse = (await get(user.id, `?course=${course.id}`)) as Response
      expect(toCourse.headers.get('Location')).toBe('/courses/launch-problems')
      expect(((await get(user.id, '')) as Response).headers.get('Location')).toBe('/modules')
      expect(((await get(null, '?problem=unavailable')) as Response).headers.get('Location')).toBe('/modules')
    } finally {
      content.restore()
    }
  })
})
