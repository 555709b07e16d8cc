import type { Locator, Page } from '@playwright/test'
import { DEMO_PASSWORD, demoAccounts, expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

// A ward manager's journeys at a phone's width and a desktop's: assigning with a check step, finding a
// person, reading a team report. Screenshots go to test-results/screenshots/ for a reviewer to look at.

const viewports = [
  { name: 'phone', size: { width: 360, height: 740 }, day: 12 },
  { name: 'desktop', size: { width: 1280, height: 800 }, day: 13 },
]

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true })

/** A person in the picker other than the demo accounts, so other journeys' home pages are not changed. */
async function someoneElse(picker: Locator): Promise<string> {
  const options = await picker.locator('option').allTextContents()
  const demo = [demoAccounts.learner.name, demoAccounts.manager.name, demoAccounts.admin.name]
  const other = options.slice(1).find((option) => !demo.some((name) => option.startsWith(name)))
  if (!other) throw new Error('expected someone else in Ward 7')
  return other
}

async function openWard7(page: Page) {
  await page.getByRole('link', { name: 'Reports', exact: true }).click()
  await page.getByRole('table').getByRole('link', { name: 'Ward 7 – Acute medicine' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ward 7 – Acute medicine' })).toBeVisible()
}

for (const { name, size, day } of viewports) {
  test.describe(`on a ${name} (${size.width} wide)`, () => {
    test.use({ viewport: size })

    test('assigning to one person: nothing chosen for you, a check step that says what, who and when, Change keeps the answers', async ({
      page,
      login,
    }) => {
      test.setTimeout(90_000)
      await login({ role: 'manager' })
      await openWard7(page)
      await page.getByRole('link', { name: 'Assign learning', exact: true }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Assign learning' })).toBeVisible()

      // No audience, no repeat, and the person picker only for "One person".
      const who = page.getByRole('group', { name: 'Who it is for' })
      await expect(who.getByRole('radio', { checked: true })).toHaveCount(0)
      const repeat = page.getByRole('checkbox', { name: /^Repeat when the evidence expires/ })
      await expect(repeat).not.toBeChecked()
      const person = page.getByLabel('Person', { exact: true })
      await expect(person).toBeHidden()
      await who.getByRole('radio', { name: 'One person' }).check()
      await expect(person).toBeVisible()
      await expectNoSeriousA11yViolations(page)

      await page.getByLabel('What to assign').selectOption({ label: 'Fixing everyday IT problems' })
      const chosen = await someoneElse(person)
      const chosenName = chosen.replace(/ \(.*\)$/, '')
      await person.selectOption({ label: chosen })
      const dueDate = page.getByRole('group', { name: 'Due date' })
      await dueDate.getByLabel('Day').fill(String(day))
      await dueDate.getByLabel('Month').fill('3')
      await dueDate.getByLabel('Year').fill('2031')
      await page.getByRole('button', { name: 'Continue', exact: true }).click()

      // The check step: nothing is stored yet.
      await expect(page.getByRole('heading', { level: 1, name: 'Check before you assign' })).toBeFocused()
      await expect(page).toHaveTitle('Check before you assign: Ward 7 – Acute medicine – Digital skills')
      const summary = page.locator('.nhsuk-summary-list')
      await expect(summary).toContainText('Fixing everyday IT problems')
      await expect(summary).toContainText(chosenName)
      await expect(summary).toContainText('1 person')
      await expect(summary).toContainText(`${day} March 2031`)
      await expectNoSeriousA11yViolations(page)
      await screenshot(page, `assign-confirmation-${size.width}`)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)

      // Change who it is for: the form comes back with every answer kept, under its own title.
      await page.getByRole('link', { name: 'Change who it is for' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Assign learning' })).toBeVisible()
      await expect(page).toHaveTitle('Assign learning: Ward 7 – Acute medicine – Digital skills')
      await expect(page.getByLabel('What to assign')).toHaveValue('fixing-everyday-it-problems')
      await expect(who.getByRole('radio', { name: 'One person' })).toBeChecked()
      await expect(person).toBeVisible()
      await expect(dueDate.getByLabel('Day')).toHaveValue(String(day))
      await expect(dueDate.getByLabel('Year')).toHaveValue('2031')

      // Everyone in the ward: the check step counts them.
      await who.getByRole('radio', { name: /^Everyone in Ward 7/ }).check()
      await expect(person).toBeHidden()
      await page.getByRole('button', { name: 'Continue', exact: true }).click()
      await expect(summary).toContainText('Everyone in Ward 7 – Acute medicine')
      await expect(summary).toContainText(/\d+ people now, and anyone who joins later/)
      await page.getByRole('link', { name: 'Change who it is for' }).click()
      await who.getByRole('radio', { name: 'One person' }).check()
      await person.selectOption({ label: chosen })
      await page.getByRole('button', { name: 'Continue', exact: true }).click()
      await expect(summary).toContainText('1 person')

      await page.getByRole('button', { name: 'Confirm and assign' }).click()
      await expect(page.getByRole('status')).toContainText('The learning has been assigned')
      await expect(page).toHaveTitle('Ward 7 – Acute medicine: team readiness – Digital skills')
      await page.getByRole('link', { name: 'Assign learning', exact: true }).click()
      await expect(page.getByRole('table').filter({ hasText: chosenName })).toContainText(`${day} March 2031`)
    })

    test('finding a person from the reports, seeing what is assigned to them, and assigning them more', async ({
      page,
      login,
    }) => {
      test.setTimeout(90_000)
      await login({ role: 'manager' })
      await page.getByRole('link', { name: 'Reports', exact: true }).click()
      const search = page.getByRole('search', { name: 'People' })
      await search.getByLabel('Name, email or employee number').fill('Aisha Dixon')
      await search.getByRole('button', { name: 'Search' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Find a person' })).toBeVisible()
      await expectNoSeriousA11yViolations(page)
      await page.getByRole('link', { name: 'Aisha Dixon' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Aisha Dixon' })).toBeVisible()
      await expect(page.getByRole('heading', { level: 2, name: 'Assigned learning' })).toBeVisible()
      await expectNoSeriousA11yViolations(page)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)

      await page.getByRole('link', { name: 'Assign learning to Aisha Dixon' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Assign learning' })).toBeVisible()
      await expect(page.getByRole('radio', { name: 'One person' })).toBeChecked()
      await expect(page.getByLabel('Person', { exact: true })).toHaveValue(/.+/)
      await expect(page.getByLabel('Person', { exact: true }).locator('option:checked')).toHaveText(/^Aisha Dixon/)
    })

    test('a team report: chart text large enough to read, names in full and linked, wide parts scroll in their own area', async ({
      page,
      login,
    }) => {
      test.setTimeout(90_000)
      await login({ role: 'manager' })
      await page.getByRole('link', { name: 'Reports', exact: true }).click()
      // The units' heatmap: every name in full (wrapped, never cut short); the table after it links each unit.
      await expect(page.getByRole('img', { name: /^Heatmap/ })).toBeVisible()
      expect(await page.getByRole('img', { name: /^Heatmap/ }).textContent()).not.toContain('…')
      const unitHrefs = await page
        .getByRole('table')
        .first()
        .locator('tbody tr > :first-child a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')))
      expect(unitHrefs.length).toBeGreaterThan(0)
      for (const href of unitHrefs) expect(href).toMatch(/^\/reports\/units\//)

      await openWard7(page)
      const heatmap = page.getByRole('img', { name: /^Heatmap/ })
      await expect(heatmap).toBeVisible()
      // First, a short list of who needs action and why, each name leading to their record.
      const needsAction = page.getByRole('region', { name: 'Who needs action' })
      const firstPerson = needsAction.getByRole('link').first()
      await expect(firstPerson).toHaveAttribute('href', /^\/reports\/people\//)
      expect((await needsAction.boundingBox())!.y).toBeLessThan((await heatmap.boundingBox())!.y)
      expect(
        await needsAction
          .getByRole('listitem')
          .filter({ has: page.getByRole('link') })
          .count(),
      ).toBeLessThanOrEqual(5)
      // Each person in the table after the chart leads to their record.
      const hrefs = await page
        .getByRole('table', { name: /people|person/i })
        .first()
        .locator('tbody tr > :first-child a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')))
      expect(hrefs.length).toBeGreaterThan(0)
      for (const href of hrefs) expect(href).toMatch(/^\/reports\/people\//)
      // Chart text is drawn at 12px or more, however narrow the screen.
      const smallest = await page
        .locator('svg[role="img"] text')
        .evaluateAll((texts) =>
          Math.min(...texts.map((text) => (text as SVGTextElement).getBoundingClientRect().height)),
        )
      expect(smallest).toBeGreaterThanOrEqual(12)
      await expectNoSeriousA11yViolations(page)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)
      await screenshot(page, `team-report-${size.width}`)

      // At 320px the page itself never scrolls sideways; only a chart or table inside its own area may.
      await page.setViewportSize({ width: 320, height: 740 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
      await expect(page.getByRole('region', { name: 'Heatmap' })).toBeVisible()
    })
  })
}

test('without JavaScript, the person picker still appears only for "One person", and the check step works', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, { email: demoAccounts.manager.email, password: DEMO_PASSWORD })
  await openWard7(page)
  await page.getByRole('link', { name: 'Assign learning', exact: true }).click()
  const person = page.getByLabel('Person', { exact: true })
  await expect(person).toBeHidden()
  await page.getByRole('radio', { name: 'One person' }).check()
  await expect(person).toBeVisible()
  await page.getByLabel('What to assign').selectOption({ label: 'Fixing everyday IT problems' })
  await person.selectOption({ label: await someoneElse(person) })
  const dueDate = page.getByRole('group', { name: 'Due date' })
  await dueDate.getByLabel('Day').fill('1')
  await dueDate.getByLabel('Month').fill('4')
  await dueDate.getByLabel('Year').fill('2031')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check before you assign' })).toBeVisible()
  await expect(page.locator('.nhsuk-summary-list')).toContainText('1 April 2031')
  // Titled as the check step by the server itself.
  await expect(page).toHaveTitle('Check before you assign: Ward 7 – Acute medicine – Digital skills')
  await page.getByRole('link', { name: 'Change the due date' }).click()
  await expect(dueDate.getByLabel('Month')).toHaveValue('4')
  await expect(person).toBeVisible()
})
