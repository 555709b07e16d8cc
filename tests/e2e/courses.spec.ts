import { e2eCourse } from './course-fixture.ts'
import { DEMO_PASSWORD, demoAccounts, expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

// An imported cmi5 course (tests/e2e/create-course.ts) beside the modules: found in the catalogue, its own page
// lists its parts with a launch button each. Launching is the launch route's journey, not this one's.

for (const viewport of [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport })

    test('a learner finds an imported course in the catalogue and opens its page with a launch button per part', async ({
      page,
      login,
    }) => {
      await login({ role: 'learner' })
      await page.goto('/modules?view=all')
      await page.getByLabel('Search by title or topic').fill('safer passwords')
      await page.getByRole('button', { name: 'Apply filters' }).click()
      const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: e2eCourse.title }) })
      await expect(card).toContainText('Not started')
      await expect(card).toContainText('Course from another provider')
      await expectNoSeriousA11yViolations(page)

      await card.getByRole('link', { name: e2eCourse.title }).click()
      await expect(page).toHaveURL(`/courses/${e2eCourse.slug}`)
      await expect(page.getByRole('heading', { level: 1, name: e2eCourse.title })).toBeVisible()
      await expect(page.getByText(e2eCourse.summary)).toBeVisible()
      await expect(page.getByText('Counts towards', { exact: true })).toBeVisible()
      await expect(page.getByText(/at Foundation level/)).toBeVisible()
      const parts = page.getByRole('list', { name: 'Parts of this course' }).getByRole('listitem')
      await expect(parts).toHaveCount(2)
      for (const [index, title] of e2eCourse.units.entries()) {
        await expect(parts.nth(index)).toContainText(title)
        await expect(parts.nth(index)).toContainText('Not started')
        await expect(parts.nth(index).getByRole('button', { name: `Start ${title}` })).toBeVisible()
      }
      await expect(parts.nth(1)).toContainText('Opens in a new window')
      await expectNoSeriousA11yViolations(page)

      // A module address with the course's slug leads to the course.
      await page.goto(`/modules/${e2eCourse.slug}`)
      await expect(page).toHaveURL(`/courses/${e2eCourse.slug}`)
    })
  })
}

test('the course page fits 320 px and its launch forms need no JavaScript', async ({ newWatchedContext }) => {
  const context = await newWatchedContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } })
  const page = await context.newPage()
  await signIn(page, { email: demoAccounts.learner.email, password: DEMO_PASSWORD })
  await page.goto(`/courses/${e2eCourse.slug}`)
  await expect(page.getByRole('heading', { level: 1, name: e2eCourse.title })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
  const forms = page.locator('form[method="post"][action="/course-launch"]')
  await expect(forms).toHaveCount(2)
  for (const [index, title] of e2eCourse.units.entries()) {
    const form = forms.nth(index)
    await expect(form.locator('input[type="hidden"][name="returnTo"]')).toHaveValue(`/courses/${e2eCourse.slug}`)
    await expect(form.locator('input[type="hidden"][name="course"]')).toHaveCount(1)
    await expect(form.locator('input[type="hidden"][name="au"]')).toHaveCount(1)
    await expect(form.getByRole('button', { name: `Start ${title}` })).toBeVisible()
  }
  // The unit that asks for a window of its own opens in a new one, and its button says so.
  await expect(forms.nth(1)).toHaveAttribute('target', '_blank')
  await expect(forms.nth(1).getByRole('button')).toHaveAccessibleDescription(/Opens in a new window/)
  // The first part to do is the primary button; the others are secondary.
  await expect(forms.nth(0).getByRole('button')).not.toHaveClass(/nhsuk-button--secondary/)
  await expect(forms.nth(1).getByRole('button')).toHaveClass(/nhsuk-button--secondary/)
  await expect(page.getByRole('list', { name: 'Parts of this course' })).toContainText('What it needs:')

  // The session lapses while the page is open: signing in again comes back to the course, not to the launch.
  await context.clearCookies()
  await forms.nth(0).getByRole('button').click()
  await expect(page).toHaveURL(/\/login\?/)
  await signIn(page, { email: demoAccounts.learner.email, password: DEMO_PASSWORD })
  await expect(page).toHaveURL(`/courses/${e2eCourse.slug}`)
  await expect(page.getByRole('heading', { level: 1, name: e2eCourse.title })).toBeVisible()
})
