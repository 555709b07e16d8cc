import { DEMO_PASSWORD, demoAccounts, expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

// The demo manager looks after Ward 7 and Ward 8. Each viewport assigns a different module to Ward 7,
// so the two runs (and other journeys using the demo learner) do not depend on each other.
const viewports = [
  {
    name: 'desktop',
    size: { width: 1280, height: 900 },
    module: 'Running a video consultation safely',
    slug: 'video-consultations',
  },
  {
    name: 'phone',
    size: { width: 360, height: 740 },
    module: 'Reading charts and dashboards critically',
    slug: 'reading-dashboards',
  },
]

for (const { name, size, module, slug } of viewports) {
  test.describe(`on a ${name} (${size.width} wide)`, () => {
    test.use({ viewport: size })

    test('a manager drills from the heatmap to a team and a person, assigns a module with a due date, and the learner sees it', async ({
      page,
      login,
      newWatchedContext,
    }) => {
      test.setTimeout(180_000)
      await login({ role: 'manager' })
      await page.getByRole('link', { name: 'Reports', exact: true }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Team readiness' })).toBeVisible()
      await expect(page.getByRole('img', { name: /Heatmap/ })).toBeVisible()
      await expectNoSeriousA11yViolations(page)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)

      // From the heatmap's table to the team.
      await page.getByRole('table').getByRole('link', { name: 'Ward 7 – Acute medicine' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Ward 7 – Acute medicine' })).toBeVisible()
      await expect(page.getByRole('heading', { name: 'Readiness by person' })).toBeVisible()
      await expect(page.getByRole('img', { name: /^Line chart/ })).toBeVisible()
      await expectNoSeriousA11yViolations(page)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)

      // From the team's people table to a person's record, read-only.
      await page
        .getByRole('table', { name: /^People in/ })
        .getByRole('link', { name: demoAccounts.learner.name })
        .click()
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(demoAccounts.learner.name) })).toBeVisible()
      await expect(page.getByRole('button', { name: /Start module|Submit/ })).toHaveCount(0)
      await expectNoSeriousA11yViolations(page)
      await page.goBack()

      // Assign a module to the whole ward, due in three weeks.
      await page.getByRole('link', { name: 'Assign learning' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Assign learning' })).toBeVisible()
      await expectNoSeriousA11yViolations(page)
      await page.getByLabel('What to assign').selectOption({ value: slug })
      await page.getByLabel(/^Everyone in Ward 7/).check()
      const due = new Date(Date.now() + 21 * 86_400_000)
      const dueDate = page.getByRole('group', { name: 'Due date' })
      await dueDate.getByLabel('Day').fill(String(due.getUTCDate()))
      await dueDate.getByLabel('Month').fill(String(due.getUTCMonth() + 1))
      await dueDate.getByLabel('Year').fill(String(due.getUTCFullYear()))
      await page.getByRole('button', { name: 'Continue', exact: true }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Check before you assign' })).toBeVisible()
      await page.getByRole('button', { name: 'Confirm and assign' }).click()
      await expect(page.getByRole('status')).toContainText('The learning has been assigned')

      // The learner sees it at the top of their home page, with its due date.
      const learnerContext = await newWatchedContext({ viewport: size })
      const learnerPage = await learnerContext.newPage()
      await signIn(learnerPage, { email: demoAccounts.learner.email, password: DEMO_PASSWORD })
      await expect(learnerPage.getByRole('heading', { name: 'Assigned to you' })).toBeVisible()
      const item = learnerPage.getByRole('listitem').filter({ has: learnerPage.getByRole('link', { name: module }) })
      const dueText = new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(due)
      await expect(item).toContainText(`Due by ${dueText}`)
      await expectNoSeriousA11yViolations(learnerPage)
    })
  })
}
