import { count, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { learningCatalogue } from '#app/lib/assignments/modules.server.ts'
import { loadMappedCourses } from '#app/lib/courses/course-catalogue.server.ts'
import { readCoursePackage } from '#app/lib/courses/course-package.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { myLearning } from '#app/lib/learning/my-learning.server.ts'
import CoursePage, { loader as courseLoader } from '#app/routes/courses.$slug.tsx'
import CataloguePage, { loader as catalogueLoader } from '#app/routes/modules._index.tsx'
import { createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { DEMO_COURSE_ID, demoCoursePackage, seedDemoCourse } from './demo-course.ts'

// The demo course with the shipped content/courses.yaml, which maps it: a database without it (a real trust's)
// shows nothing of it and fails nowhere; once the seed imports it, learners find it and can open its parts.

const SLUG = 'scam-emails-calls-and-texts'

async function cataloguePage(userId: string) {
  const request = await signedInRequest(userId, '/modules?view=all')
  return readableText(
    await renderRoute({ pattern: '/modules', loader: catalogueLoader, Component: CataloguePage }, request),
  )
}

async function coursePage(userId: string) {
  const request = await signedInRequest(userId, `/courses/${SLUG}`)
  return readableText(
    await renderRoute({ pattern: '/courses/:slug', loader: courseLoader, Component: CoursePage }, request),
  )
}

describe('the demo course', () => {
  test('is a valid cmi5 package with two units, each page with its script and styles', async () => {
    const read = await readCoursePackage(await demoCoursePackage())
    if (!read.ok) throw new Error(read.problems.map((p) => `${p.where}: ${p.message}`).join('; '))
    expect(read.package.structure.course.id).toBe(DEMO_COURSE_ID)
    expect(read.package.files.map((file) => file.path).sort()).toEqual([
      'au.js',
      'calls-and-texts.html',
      'cmi5.xml',
      'course.css',
      'email.html',
    ])
    const script = read.package.files.find((file) => file.path === 'au.js')
    // The xapijs client is bundled in: the unit fetches nothing from outside its package.
    expect(script?.bytes.toString('utf8')).toContain('LMS.LaunchData')
  })

  test('mapped but not imported, it is in no catalogue, its page is not found, and homes and assignments still work', async () => {
    const learner = await createUser({ roleProfile: 'clinical' })
    expect(await loadMappedCourses({ includeDrafts: true })).toEqual([])
    expect(await cataloguePage(learner.id)).not.toContain('Scam emails, calls and texts')
    const request = await signedInRequest(learner.id, `/courses/${SLUG}`)
    expect(await statusOf(courseLoader({ request, params: { slug: SLUG }, context: loadContext }))).toBe(404)
    const home = await myLearning({ user: { id: learner.id, isAdmin: false } })
    expect(JSON.stringify(home)).not.toContain(SLUG)
    expect((await learningCatalogue()).find((item) => item.slug === SLUG)).toMatchObject({ published: false })
  })

  test('imported by the seed once, it is in the learner’s catalogue with its two parts', async () => {
    expect(await seedDemoCourse()).toBe(true)
    expect(await seedDemoCourse()).toBe(false)
    const { courses, courseAus } = schema()
    const [imported] = await db().select().from(courses).where(eq(courses.courseId, DEMO_COURSE_ID))
    const [units] = await db()
      .select({ n: count() })
      .from(courseAus)
      .where(eq(courseAus.courseRowId, imported?.id ?? ''))
    expect(units?.n).toBe(2)

    const learner = await createUser({ roleProfile: 'administrative' })
    expect(await cataloguePage(learner.id)).toContain('Not started Scam emails, calls and texts Practise spotting')
    expect(await coursePage(learner.id)).toMatch(
      /Part 1: An email that wants you to act fast .*Not started.*Part 2: Calls and texts that ask for details .*Not started/,
    )
    expect((await learningCatalogue()).find((item) => item.slug === SLUG)).toMatchObject({ published: true })
  })
})
