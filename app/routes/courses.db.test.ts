import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findVisibleCourse, loadMappedCourses } from '#app/lib/courses/course-catalogue.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { learningRecord } from '#app/lib/learning/learning-record.server.ts'
import { myLearning } from '#app/lib/learning/my-learning.server.ts'
import { appAuthority } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { courseSatisfiedStatement } from '#tests/course-statements.ts'
import { useContentWithCourses } from '#tests/course-content.ts'
import {
  createAuProgress,
  createCourseRegistration,
  createCourseRows,
  createCourseSession,
} from '#tests/course-rows.ts'
import { createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import CoursePage, { loader as courseLoader } from './courses.$slug.tsx'
import { loader as overviewLoader } from './modules.$slug._index.tsx'
import CataloguePage, { loader as catalogueLoader } from './modules._index.tsx'
import HomePage, { loader as homeLoader } from './_index.tsx'

// Imported cmi5 courses beside the modules: listed when imported and mapped in courses.yaml, with the learner's
// status, and each course's own page with its parts in order and a launch form for each.

const RECORDS = 'https://courses.example.test/health-records'
const NOT_IMPORTED = 'https://courses.example.test/never-imported'
const DRAFT = 'https://courses.example.test/draft'
const UNMAPPED = 'https://courses.example.test/unmapped'

let content: ReturnType<typeof useContentWithCourses>
beforeAll(async () => {
  content = useContentWithCourses([
    {
      course: RECORDS,
      slug: 'health-records-course',
      summary: 'Keeping health records safe, from a partner trust.',
      minutes: 25,
      competencies: [{ id: 'DATA.1', level: 2 }],
      audience: ['clinical'],
      status: 'published',
    },
    {
      course: NOT_IMPORTED,
      slug: 'never-imported',
      competencies: [{ id: 'SAFE.1', level: 1 }],
      audience: ['clinical'],
      status: 'published',
    },
    {
      course: DRAFT,
      slug: 'draft-course',
      competencies: [{ id: 'SAFE.1', level: 1 }],
      audience: ['clinical'],
      status: 'draft',
    },
  ])
  await createCourseRows({
    courseId: RECORDS,
    title: 'Health records for everyone',
    aus: [{ title: 'Why records matter' }, { title: 'Records quiz', launchMethod: 'OwnWindow' }],
  })
  await createCourseRows({ courseId: DRAFT, title: 'A course still being checked' })
  await createCourseRows({ courseId: UNMAPPED, title: 'Imported but not mapped' })
})
afterAll(() => content.restore())

async function catalogue(userId: string, query = '?view=all') {
  const request = await signedInRequest(userId, `/modules${query}`)
  return readableText(
    await renderRoute({ pattern: '/modules', loader: catalogueLoader, Component: CataloguePage }, request),
  )
}
async function home(userId: string) {
  const request = await signedInRequest(userId, '/')
  return readableText(await renderRoute({ pattern: '/', loader: homeLoader, Component: HomePage }, request))
}
async function coursePageHtml(userId: string, slug = 'health-records-course') {
  const request = await signedInRequest(userId, `/courses/${slug}`)
  return renderRoute({ pattern: '/courses/:slug', loader: courseLoader, Component: CoursePage }, request)
}

describe('imported courses in the catalogue', () => {
  test('only imported, mapped courses are listed, with the mapping’s words; drafts only when drafts are shown', async () => {
    const published = await loadMappedCourses({ includeDrafts: false })
    expect(published.map((c) => [c.slug, c.title, c.summary, c.minutes])).toEqual([
      [
        'health-records-course',
        'Health records for everyone',
        'Keeping health records safe, from a partner trust.',
        25,
      ],
    ])
    const withDrafts = await loadMappedCourses({ includeDrafts: true })
    expect(withDrafts.map((c) => c.slug)).toEqual(['health-records-course', 'draft-course'])

    const learner = await createUser({ roleProfile: 'clinical' })
    const text = await catalogue(learner.id)
    expect(text).toContain('Not started Health records for everyone Keeping health records safe, from a partner trust.')
    expect(text).toContain(
      'Course from another provider · 25 minutes · Counts towards Information, data and content (Independent)',
    )
    expect(text).not.toContain('Imported but not mapped')
    expect(text).not.toContain('never-imported')
    const searched = await catalogue(learner.id, '?view=all&q=health+records')
    expect(searched).toMatch(/1 of \d+ modules match/)
    expect(searched).toContain('Health records for everyone')
  })

  test('a course’s status comes from the learner’s registration: in progress, then done once satisfied', async () => {
    const [course] = await loadMappedCourses({ includeDrafts: false })
    const learner = await createUser({ roleProfile: 'clinical' })
    const registration = await createCourseRegistration({
      courseRowId: course?.courseRowId as string,
      userId: learner.id,
    })
    const [firstPart] = (await findVisibleCourse({ slug: course?.slug, user: { isAdmin: false } }))?.units ?? []
    await createCourseSession({ registration, auRowId: firstPart?.id as string })
    expect(await catalogue(learner.id)).toContain('In progress Health records for everyone')
    const home = await myLearning({ user: { id: learner.id, isAdmin: false } })
    expect(home.inProgress.map((item) => item.title)).toContain('Health records for everyone')

    const finished = await createUser({ roleProfile: 'clinical' })
    await createCourseRegistration({
      courseRowId: course?.courseRowId as string,
      userId: finished.id,
      satisfiedAt: new Date('2026-11-20T10:00:00Z'),
    })
    expect(await catalogue(finished.id)).toContain('Done Health records for everyone')
  })

  test('home says how far through a course the learner is and when they last opened a part of it', async () => {
    const [course] = await loadMappedCourses({ includeDrafts: false })
    const courseRowId = course?.courseRowId as string
    const found = await findVisibleCourse({ slug: course?.slug, user: { isAdmin: false } })
    const [first, second] = found?.units ?? []
    const learner = await createUser({ roleProfile: 'clinical' })
    const registration = await createCourseRegistration({ courseRowId, userId: learner.id })
    await createCourseSession({
      registration,
      auRowId: first?.id as string,
      launchedAt: new Date('2026-11-26T09:00:00Z'),
    })
    await createCourseSession({
      registration,
      auRowId: second?.id as string,
      launchedAt: new Date('2026-11-28T09:00:00Z'),
    })
    await createAuProgress({
      registration,
      auRowId: first?.id as string,
      satisfiedAt: new Date('2026-11-26T09:30:00Z'),
    })
    expect(await home(learner.id)).toContain(
      'Carry on where you stopped Health records for everyone 1 of 2 parts done · Last opened on 28 November 2026',
    )

    // A waived part reads as the course page has it; a course never opened is not somewhere the learner stopped.
    const at = new Date('2026-11-27T09:00:00Z')
    await createAuProgress({ registration, auRowId: second?.id as string, waivedAt: at, satisfiedAt: at })
    expect(await home(learner.id)).toContain('Health records for everyone 2 of 2 parts done or waived')
    const waivedFor = await createUser({ roleProfile: 'clinical' })
    const waived = await createCourseRegistration({ courseRowId, userId: waivedFor.id })
    await createAuProgress({ registration: waived, auRowId: first?.id as string, waivedAt: at, satisfiedAt: at })
    expect(await home(waivedFor.id)).not.toContain('Health records for everyone')
  })
})

describe('a course’s page', () => {
  test('shows what it counts towards and each part, not started, with a launch form back to this page', async () => {
    const learner = await createUser({ roleProfile: 'clinical' })
    const html = await coursePageHtml(learner.id)
    const text = readableText(html)
    expect(text).toContain('Health records for everyone')
    expect(text).toMatch(/Counts towards .*at Independent level/)
    expect(text).toMatch(
      /Part 1: Why records matter .*Not started What it needs: Complete it or pass it Start Why records matter.*Part 2: Records quiz .*Not started What it needs: Complete it or pass it Start Records quiz Opens in a new window/,
    )
    // One primary button, for the first part to do; the new-window hint describes its own button.
    expect(html.match(/class="nhsuk-button nhsuk-u-margin-bottom-0"/g)).toHaveLength(1)
    expect(html.match(/nhsuk-button--secondary/g)).toHaveLength(1)
    const hint = /<p class="[^"]*" id="([^"]+)">Opens in a new window/.exec(html)?.[1]
    expect(hint).toBeTruthy()
    expect(html).toContain(`aria-describedby="${hint}"`)
    const [course] = await loadMappedCourses({ includeDrafts: false })
    expect(html).toContain('action="/course-launch"')
    expect(html).toContain(`name="course" value="${course?.courseRowId}"`)
    expect(html).toContain('name="returnTo" value="/courses/health-records-course"')
    expect(html.match(/name="au" value="[^"]+"/g)).toHaveLength(2)
  })

  test('each part’s state comes from its launches and progress: in progress, done, waived', async () => {
    const [course] = await loadMappedCourses({ includeDrafts: false })
    const learner = await createUser({ roleProfile: 'clinical' })
    const registration = await createCourseRegistration({
      courseRowId: course?.courseRowId as string,
      userId: learner.id,
    })
    const html = await coursePageHtml(learner.id)
    const auIds = [...html.matchAll(/name="au" value="([^"]+)"/g)].map((m) => m[1] as string)
    await createCourseSession({ registration, auRowId: auIds[0] as string })
    expect(readableText(await coursePageHtml(learner.id))).toMatch(
      /In progress .*Continue Why records matter.*Not started .*Start Records quiz/,
    )
    await createAuProgress({
      registration,
      auRowId: auIds[0] as string,
      completedAt: new Date(),
      satisfiedAt: new Date(),
    })
    await createAuProgress({
      registration,
      auRowId: auIds[1] as string,
      waivedAt: new Date(),
      waivedReason: 'Tested Out',
    })
    const page = await coursePageHtml(learner.id)
    // The quiz was waived without ever being opened: nothing to open "again".
    expect(readableText(page)).toMatch(/Done .*Open Why records matter again.*Waived .*Open Records quiz(?! again)/)
    // Nothing left to do: no part is the primary one.
    expect(page).not.toMatch(/class="nhsuk-button nhsuk-u-margin-bottom-0"/)
  })

  test('a part the learner met before an administrator waived it stays done', async () => {
    const [course] = await loadMappedCourses({ includeDrafts: false })
    const learner = await createUser({ roleProfile: 'clinical' })
    const registration = await createCourseRegistration({
      courseRowId: course?.courseRowId as string,
      userId: learner.id,
    })
    const auIds = [...(await coursePageHtml(learner.id)).matchAll(/name="au" value="([^"]+)"/g)].map(
      (m) => m[1] as string,
    )
    await createCourseSession({ registration, auRowId: auIds[0] as string })
    const met = new Date('2026-11-20T10:00:00Z')
    await createAuProgress({
      registration,
      auRowId: auIds[0] as string,
      completedAt: met,
      satisfiedAt: met,
      waivedAt: new Date('2026-11-21T10:00:00Z'),
      waivedReason: 'Administrative',
    })
    const page = await coursePageHtml(learner.id)
    expect(readableText(page)).toMatch(/Done .*Open Why records matter again.*Not started .*Start Records quiz/)
    // The quiz is next, so its button is the primary one.
    expect(page).toMatch(/class="nhsuk-button nhsuk-u-margin-bottom-0"[^>]*>Start Records quiz/)
  })

  test('an unknown, unmapped or never-imported course is not found; a module address for a course leads to it', async () => {
    const learner = await createUser({ roleProfile: 'clinical' })
    for (const slug of ['no-such-course', 'never-imported', 'spotting-phishing']) {
      const request = await signedInRequest(learner.id, `/courses/${slug}`)
      expect(await statusOf(courseLoader({ request, params: { slug }, context: loadContext }))).toBe(404)
    }
    const request = await signedInRequest(learner.id, '/modules/health-records-course')
    const response = await overviewLoader({
      request,
      params: { slug: 'health-records-course' },
      context: loadContext,
    }).catch((thrown: unknown) => thrown)
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).headers.get('Location')).toBe('/courses/health-records-course')
  })
})

describe('a satisfied course on the learner’s record', () => {
  test('its evidence is named by the course’s title', async () => {
    const learner = await createUser({ roleProfile: 'clinical' })
    await storeStatements({
      statements: [courseSatisfiedStatement({ userId: learner.id, courseId: RECORDS })],
      authority: appAuthority({ publicUrl }) as unknown as Record<string, unknown>,
      version: '1.0.3',
    })
    const record = await learningRecord({ userId: learner.id })
    expect(record?.evidence.map((row) => [row.competencyId, row.moduleTitle])).toEqual([
      ['DATA.1', 'Health records for everyone'],
    ])
  })
})
