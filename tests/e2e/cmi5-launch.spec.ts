import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'
import { e2ePorts } from './mail-ports.ts'
import { buildTestAu } from './test-au.ts'

// A cmi5 AU at an absolute URL on another origin (one of the kinds of package a course can be), written with the
// xapijs cmi5 client, launched for a signed-in learner; then what our LRS recorded.

const CMI5 = 'https://w3id.org/xapi/cmi5'
const SESSION = `${CMI5}/context/extensions/sessionid`
type Json = Record<string, unknown>

let server: http.Server
let auUrl = ''

test.beforeAll(async () => {
  const dir = await buildTestAu()
  server = http.createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://localhost').pathname.slice(1) || 'index.html'
    const file = path.join(dir, path.basename(name))
    if (!fs.existsSync(file)) return response.writeHead(404).end()
    response.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' })
    response.end(fs.readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the AU server has no port')
  auUrl = `http://localhost:${address.port}/index.html`
})

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

/** A new one-unit course (mastery score 0.8, moveOn CompletedAndPassed) whose AU is the test AU. */
function createCourse(): {
  courseRowId: string
  courseId: string
  au: { id: string; activityId: string; auId: string }
} {
  const output = execFileSync('npx', ['tsx', 'tests/e2e/create-launch-course.ts', auUrl], {
    env: { ...process.env, DATABASE_URL: 'file:./tests/.tmp/e2e.db', PORT: String(e2ePorts.app) },
    encoding: 'utf8',
  })
  return JSON.parse(output) as ReturnType<typeof createCourse>
}

async function launchUrl(request: APIRequestContext, course: ReturnType<typeof createCourse>) {
  const response = await request.post('/course-launch', {
    form: { course: course.courseRowId, au: course.au.id, returnTo: '/' },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(303)
  return response.headers()['location'] ?? ''
}

async function statementsIn(request: APIRequestContext, registration: string): Promise<Json[]> {
  const response = await request.get(`/xapi/statements?registration=${registration}&ascending=true`, {
    headers: { 'X-Experience-API-Version': '1.0.3' },
  })
  expect(response.status()).toBe(200)
  return ((await response.json()) as { statements: Json[] }).statements
}

const verbName = (statement: Json) =>
  String((statement.verb as Json).id)
    .split('/')
    .at(-1)
const sessionOf = (statement: Json) => ((statement.context as Json).extensions as Json)[SESSION]

/** Opens the AU and keeps the auth token it fetched, to try it from outside. */
async function openAu(page: Page, url: string) {
  const token = page
    .waitForResponse((response) => response.url().includes('/course-fetch/'))
    .then(async (response) => String(((await response.json()) as Json)['auth-token']))
  await page.goto(url)
  await expect(page.getByRole('status')).toHaveText('Ready')
  return token
}

test('a learner launches a cmi5 unit that passes, completes and terminates; the course is satisfied', async ({
  page,
  login,
}) => {
  const course = createCourse()
  await login({ role: 'learner' })
  const url = await launchUrl(page.request, course)
  const params = new URL(url).searchParams
  const registration = params.get('registration') ?? ''
  expect(params.get('activityId')).toBe(course.au.activityId)
  const token = await openAu(page, url)

  // The credentials cannot write about anyone else, and the fetch address gives nothing a second time.
  const someoneElse = await page.request.post('/xapi/statements', {
    headers: { Authorization: `Basic ${await token}`, 'X-Experience-API-Version': '1.0.3' },
    data: {
      actor: { objectType: 'Agent', account: { homePage: 'http://localhost', name: 'someone-else' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: course.au.activityId },
      context: { registration },
    },
  })
  expect(someoneElse.status()).toBe(403)
  const again = await page.request.post(params.get('fetch') ?? '')
  expect(await again.json()).toMatchObject({ 'error-code': '1' })

  await page.getByRole('button', { name: 'Finish the unit' }).click()
  await expect(page.getByRole('status')).toHaveText('Done')

  const statements = await statementsIn(page.request, registration)
  expect(statements.map(verbName)).toEqual([
    'launched',
    'initialized',
    'passed',
    'completed',
    'satisfied',
    'terminated',
  ])
  const session = sessionOf(statements[0]!)
  expect(statements.every((statement) => sessionOf(statement) === session)).toBe(true)
  const fromTheAu = statements.filter((statement) => verbName(statement) !== 'satisfied')
  for (const statement of fromTheAu)
    expect((statement.context as Json).contextActivities).toMatchObject({ grouping: [{ id: course.au.auId }] })
  const satisfied = statements.find((statement) => verbName(statement) === 'satisfied')
  // The course object has the platform's own id (cmi5 9.4), which names the publisher's course id inside it.
  const courseObject = String((satisfied?.object as Json | undefined)?.id)
  expect(courseObject).not.toBe(course.courseId)
  expect(courseObject).toContain(encodeURIComponent(course.courseId))
})

test('closing the unit without finishing, then launching again, abandons the first session', async ({
  page,
  context,
  login,
}) => {
  const course = createCourse()
  await login({ role: 'learner' })
  const first = await launchUrl(page.request, course)
  const auPage = await context.newPage()
  await openAu(auPage, first)
  await auPage.close()

  const second = await launchUrl(page.request, course)
  await openAu(page, second)
  const registration = new URL(second).searchParams.get('registration') ?? ''
  const statements = await statementsIn(page.request, registration)
  expect(statements.map(verbName)).toEqual(['launched', 'initialized', 'abandoned', 'launched', 'initialized'])
  expect(sessionOf(statements[2]!)).toBe(sessionOf(statements[0]!))
  expect(sessionOf(statements[3]!)).not.toBe(sessionOf(statements[0]!))
})

test('an administrator waives a unit for a learner: find them, choose, check, waive', async ({ page, login }) => {
  const course = createCourse()
  await login({ role: 'admin' })
  await page.setViewportSize({ width: 320, height: 800 })
  await page.goto(`/admin/courses/${course.courseRowId}/waive`)
  await expectNoSeriousA11yViolations(page)
  await page.getByLabel('Name, email or employee number').fill('Lauren Learner')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.getByRole('link', { name: 'Lauren Learner' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Waive a unit for Lauren Learner' })).toBeVisible()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('link', { name: 'Choose the unit to waive' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByLabel('Unit 1').check()
  await page.getByLabel(/^Equivalent outside activity/).check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check the waiver for Lauren Learner' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  // Changing comes back to the form with both answers still chosen.
  await page.getByRole('link', { name: 'Change the unit or reason' }).click()
  await expect(page.getByLabel('Unit 1')).toBeChecked()
  await expect(page.getByLabel(/^Equivalent outside activity/)).toBeChecked()
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'Waive the unit' }).click()
  const banner = page.getByRole('alert')
  await expect(banner).toContainText(/'Unit 1' in '.+' waived for Lauren Learner/)
  await expectNoSeriousA11yViolations(page)
  await banner.getByRole('link', { name: /^Back to / }).click()
  await expect(page).toHaveURL(`/admin/courses/${course.courseRowId}`)
  await page.goBack()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
})

test('a launch of a unit that is no longer there says so in the page layout, at 320 px', async ({ page, login }) => {
  const course = createCourse()
  await login({ role: 'learner' })
  await page.setViewportSize({ width: 320, height: 800 })
  await page.goto('/modules')
  // A stale course page: its form names a unit that a later import removed.
  await page.evaluate(
    ({ courseRowId }) => {
      const form = document.createElement('form')
      form.method = 'post'
      form.action = '/course-launch'
      for (const [name, value] of Object.entries({ course: courseRowId, au: 'a-removed-unit', returnTo: '/' })) {
        const input = document.createElement('input')
        input.type = 'hidden'
        input.name = name
        input.value = value
        form.append(input)
      }
      document.body.append(form)
      form.submit()
    },
    { courseRowId: course.courseRowId },
  )
  await expect(page.getByRole('heading', { level: 1, name: 'This part of the course cannot be opened' })).toBeVisible()
  await expect(page.getByText('That course unit is not available.')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
  // On its own, the launch address leads somewhere useful.
  await page.goto('/course-launch')
  await expect(page).toHaveURL('/modules')
})
