import type { Page } from '@playwright/test'
import { readCoursePackage } from '#app/lib/courses/course-package.server.ts'
import { cmi5Xml, invalidPackages, validPackages } from '#tests/cmi5-packages.ts'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'

// An administrator imports cmi5 courses: a good package is listed with its units, a bad one is refused with
// its problem named. Every journey here imports a course of its own (its own course id), so journeys in other
// specs, which share the database, never see them change.

const LABEL = 'Course package (zip file or cmi5.xml)'

async function importPackage(page: Page, file: { name: string; bytes: Uint8Array }) {
  await page.goto('/admin/courses')
  await page
    .getByLabel(LABEL)
    .setInputFiles({ name: file.name, mimeType: 'application/zip', buffer: Buffer.from(file.bytes) })
  await page.getByRole('button', { name: 'Import the course' }).click()
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width, `the page is ${width}px wide`).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0)
}

test('an administrator imports a course, sees it listed with its units, and a bad package is refused', async ({
  page,
  login,
}) => {
  test.setTimeout(120_000)
  await login({ role: 'admin' })
  await page.goto('/admin')
  await page.getByRole('link', { name: 'Courses', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  // Nothing chosen.
  await page.getByRole('button', { name: 'Import the course' }).click()
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select a course package')
  await expect(page.getByLabel(LABEL)).toHaveAttribute('aria-invalid', 'true')

  // A successful upload goes to the course's page, so reloading it imports nothing again.
  await importPackage(page, await validPackages.multiAu())
  await expect(page.getByRole('alert')).toContainText(
    /(Course imported|New version of the course imported|Nothing has changed.*): Keeping records safe \(5 units\)/,
  )
  await expect(page.getByRole('heading', { level: 1, name: 'Keeping records safe' })).toBeVisible()
  await expect(page).toHaveURL(/\/admin\/courses\/[^/?]+\?/)
  await expect(page.locator('main')).toContainText(
    'the content team adds it to content/courses.yaml with the course id https://courses.example.org/cmi5/records',
  )
  await importPackage(page, await validPackages.multiAu())
  await expect(page.getByRole('alert')).toContainText('Nothing has changed: this is the version already imported')

  await page.goto('/admin/courses')
  const row = page.getByRole('row').filter({ hasText: 'Keeping records safe' })
  await expect(row).toContainText('5')
  await expect(row).toContainText(/\d{1,2} [A-Z][a-z]+ \d{4}/)
  await expect(row).toContainText('Not in the catalogue yet')
  await expectNoSeriousA11yViolations(page)

  await row.getByRole('link', { name: 'Keeping records safe' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Keeping records safe' })).toBeVisible()
  const units = page.getByRole('table', { name: 'Units of Keeping records safe' })
  await expect(units.getByRole('row')).toHaveCount(6)
  await expect(units.getByRole('row').filter({ hasText: 'Quiz' })).toContainText('Complete and pass it')
  await expect(units.getByRole('row').filter({ hasText: 'Quiz' })).toContainText('80%')
  await expect(units.getByRole('row').filter({ hasText: 'Paper records' })).toContainText('In its own window')
  await expect(units.getByRole('row').filter({ hasText: 'Welcome' })).toContainText('Nothing to do: counts as done')
  await expect(page.getByText('Files in the package')).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  // On a small phone, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 })
  await expectNoSidewaysScroll(page)
  await page.goto('/admin/courses')
  await expectNoSidewaysScroll(page)
  await page.setViewportSize({ width: 1280, height: 900 })

  // A package whose unit points at a file it does not hold.
  const { file } = await invalidPackages['AU url pointing at a missing file']!()
  await importPackage(page, file)
  const summary = page.locator('.nhsuk-error-summary')
  await expect(summary).toContainText('There is a problem')
  await expect(summary).toContainText('AU "Unit 1"')
  await expect(summary).toContainText('url "missing.html" points at missing.html, which is not in the zip')
  await expect(page).toHaveTitle(/^Error: /)
  await expectNoSeriousA11yViolations(page)

  // A package with several problems lists each of them.
  const several = cmi5Xml({
    id: 'https://courses.example.org/cmi5/e2e-broken',
    children: [
      { title: 'Introduction', url: 'https://example.org/1', masteryScore: '1.5' },
      { title: 'Quiz', url: 'https://example.org/2?endpoint=x' },
    ],
  })
  await importPackage(page, { name: 'broken.xml', bytes: new TextEncoder().encode(several) })
  await expect(summary).toContainText('broken.xml has 2 problems, listed below')
  await expect(page.getByText(/AU "Introduction" \(.*\): masteryScore must be between 0 and 1/)).toBeVisible()
  await expect(page.getByText(/AU "Quiz" \(.*\): url ".*" sets "endpoint" in its query/)).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.setViewportSize({ width: 320, height: 640 })
  await expectNoSidewaysScroll(page)
})

test('a course’s page runs in a sandbox with an opaque origin: it cannot read the app’s cookies', async ({
  page,
  login,
}) => {
  await login({ role: 'admin' })
  const file = await validPackages.singleAu({
    id: 'https://courses.example.org/cmi5/e2e-sandbox',
    title: 'Sandboxed course',
  })
  await importPackage(page, file)
  await expect(page.getByRole('alert')).toContainText('Sandboxed course (1 unit)')
  const read = await readCoursePackage(file)
  if (!read.ok) throw new Error(JSON.stringify(read.problems))
  const url = `/course-files/${read.package.packageHash}/index.html`

  const response = await page.request.get(url)
  expect(response.headers()['content-security-policy']).toBe(
    "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads; frame-ancestors 'self'",
  )
  await page.goto(url)
  await expect(page.getByRole('heading', { level: 1, name: 'Unit' })).toBeVisible()
  // The unit's own script ran, from the package.
  await expect(page).toHaveTitle('Unit ready')
  expect(await page.evaluate(() => window.origin)).toBe('null')
  // The app's session cookie is there for the app's pages, but not for the unit: it sees only a jar of its own.
  expect((await page.context().cookies()).length).toBeGreaterThan(0)
  expect(await page.evaluate(() => document.cookie)).toBe('')
  expect(await page.evaluate(() => window.localStorage.length)).toBe(0)
  expect((await page.request.get(`/course-files/${read.package.packageHash}/missing.html`)).status()).toBe(404)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the upload works as a plain form post', async ({ page, login }) => {
    await login({ role: 'admin' })
    await importPackage(page, {
      name: 'no-js.xml',
      bytes: new TextEncoder().encode(
        cmi5Xml({
          id: 'https://courses.example.org/cmi5/e2e-no-js',
          title: 'Imported without JavaScript',
          children: [{ url: 'https://content.example.org/no-js/index.html' }],
        }),
      ),
    })
    await expect(page.getByRole('alert')).toContainText('Imported without JavaScript (1 unit)')
    // Straight to the course's page: reloading it shows the course, it does not post the package again.
    await expect(page.getByRole('heading', { level: 1, name: 'Imported without JavaScript' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Units of Imported without JavaScript' })).toContainText(
      'from the publisher’s website',
    )
  })
})
