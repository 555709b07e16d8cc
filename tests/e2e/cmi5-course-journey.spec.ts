import fs from 'node:fs'
import path from 'node:path'
import { cmi5Xml, zipOf } from '#tests/cmi5-packages.ts'
import { journeyCourse } from './course-fixture.ts'
import { buildTestAu } from './test-au.ts'
import { courseJourneyLearner, JOURNEY_LEARNER_PASSWORD } from './accounts.ts'
import { expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

// The whole way through the screens: an administrator imports a cmi5 package whose unit uses the xapijs cmi5
// client; the course is mapped in courses.yaml, so a learner finds it in the catalogue, starts the unit from the
// course page, and the unit, served by the platform in a sandbox of its own, reports to our LRS; the course is
// then done and counts on the learner's record.

async function coursePackage(): Promise<Buffer> {
  const dir = await buildTestAu()
  const zip = await zipOf({
    'cmi5.xml': cmi5Xml({
      id: journeyCourse.courseId,
      title: journeyCourse.title,
      children: [
        {
          id: `${journeyCourse.courseId}/practice`,
          title: journeyCourse.unit,
          url: 'index.html',
          moveOn: 'CompletedAndPassed',
          masteryScore: '0.8',
        },
      ],
    }),
    'index.html': fs.readFileSync(path.join(dir, 'index.html'), 'utf8'),
    'au.js': fs.readFileSync(path.join(dir, 'au.js')),
  })
  fs.rmSync(dir, { recursive: true, force: true })
  return Buffer.from(zip)
}

test('imported, found in the catalogue, started from the course page, passed in its sandbox, and counted', async ({
  page,
  browser,
  login,
}) => {
  test.setTimeout(180_000)
  await login({ role: 'admin' })
  await page.goto('/admin/courses')
  await page
    .getByLabel('Course package (zip file or cmi5.xml)')
    .setInputFiles({ name: 'fake-sign-in-pages.zip', mimeType: 'application/zip', buffer: await coursePackage() })
  await page.getByRole('button', { name: 'Import the course' }).click()
  await expect(page.getByRole('alert')).toContainText(`${journeyCourse.title} (1 unit`)
  await expect(page.getByRole('link', { name: `/courses/${journeyCourse.slug}` })).toBeVisible()

  const learnerContext = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const learner = await learnerContext.newPage()
  await signIn(learner, { email: courseJourneyLearner.email, password: JOURNEY_LEARNER_PASSWORD })
  await expect(learner).toHaveURL('/')
  const readinessInTheDomain = learner
    .getByRole('list', { name: 'Readiness by area' })
    .getByRole('listitem')
    .filter({ hasText: journeyCourse.domain })
  await expect(readinessInTheDomain).toContainText('You: ')
  await expect(readinessInTheDomain).not.toContainText('You: Leading')
  const evidenceFromTheCourse = learner
    .getByRole('table', { name: 'Competency evidence' })
    .getByRole('row')
    .filter({ hasText: journeyCourse.title })
  await learner.goto('/record')
  await expect(learner.getByRole('heading', { level: 1, name: 'Record of learning' })).toBeVisible()
  await expect(evidenceFromTheCourse).toHaveCount(0)
  await learner.goto('/modules?view=all')
  await learner.getByLabel('Search by title or topic').fill('fake sign-in')
  await learner.getByRole('button', { name: 'Apply filters' }).click()
  await learner.getByRole('link', { name: journeyCourse.title }).click()
  await expect(learner.getByRole('heading', { level: 1, name: journeyCourse.title })).toBeVisible()
  const parts = learner.getByRole('list', { name: 'Parts of this course' })
  await expect(parts.getByText('Not started')).toBeVisible()
  await expectNoSeriousA11yViolations(learner)

  await learner.getByRole('button', { name: new RegExp(journeyCourse.unit) }).click()
  await expect(learner).toHaveURL(/\/course-files\/[0-9a-f]+\/index\.html\?/)
  const launched = new URL(learner.url()).searchParams
  expect([...launched.keys()].sort()).toEqual(['activityId', 'actor', 'endpoint', 'fetch', 'registration'])
  // The unit runs in an opaque origin: none of the platform's cookies or storage are within its reach.
  expect(await learner.evaluate(() => window.origin)).toBe('null')
  await expect(learner.getByRole('status')).toHaveText('Ready')
  await learner.getByRole('button', { name: 'Finish the unit' }).click()
  await expect(learner.getByRole('status')).toHaveText('Done')

  // Reloading the unit cannot start it again with a spent launch address: it says so and leads back.
  await learner.reload()
  await expect(learner.getByRole('heading', { level: 1, name: 'This part was already opened' })).toBeVisible()
  await expectNoSeriousA11yViolations(learner)
  await learner.getByRole('link', { name: `Back to ${journeyCourse.title}` }).click()
  await expect(learner).toHaveURL(`/courses/${journeyCourse.slug}`)
  await expect(
    learner.getByRole('list', { name: 'Parts of this course' }).getByText('Done', { exact: true }),
  ).toBeVisible()
  // The LMS's satisfied statement became evidence of the course's competency, at the level it is mapped to,
  // which is what readiness is worked out from.
  await learner.goto('/record')
  await expect(evidenceFromTheCourse).toHaveCount(3)
  await expect(
    evidenceFromTheCourse.filter({ hasText: 'Handles personal and patient information lawfully' }),
  ).toContainText('Leading')
  // And the learner's readiness moved with it.
  await learner.goto('/')
  await expect(readinessInTheDomain).toContainText('You: Leading')

  const statements = await learner.request.get(
    `/xapi/statements?registration=${launched.get('registration')}&ascending=true`,
    { headers: { 'X-Experience-API-Version': '1.0.3' } },
  )
  const verbs = ((await statements.json()) as { statements: { verb: { id: string } }[] }).statements.map((statement) =>
    statement.verb.id.split('/').at(-1),
  )
  expect(verbs).toEqual(['launched', 'initialized', 'passed', 'completed', 'satisfied', 'terminated'])
  await learnerContext.close()
})
