import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { JOURNEY_LEARNER_PASSWORD, journeyLearners } from './accounts.ts'
import { expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

// A learner's journeys at a phone's and a desktop's size. Screenshots of the pages a reviewer should look
// at are written to test-results/screenshots/ (not committed).

const sizes = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const

const slug = 'spotting-phishing'
const answerKey = [
  'Report it as phishing and do not click the link',
  'Hover over it (or press and hold on a phone) to see the real address before opening it',
  'Tell the IT service desk straight away and change the password from a trusted device',
  'Forward it as an attachment to spamreports@nhs.net',
]
const wrongAnswers = ['Reply to ask whether the message is genuine', 'Open it and look at the page that loads']

async function screenshot(page: Page, name: string) {
  fs.mkdirSync('test-results/screenshots', { recursive: true })
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true })
}

async function noSidewaysScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
}

for (const [size, viewport] of Object.entries(sizes)) {
  const learner = journeyLearners[size as keyof typeof sizes]

  test.describe(`a learner at ${viewport.width}×${viewport.height}`, () => {
    test.describe.configure({ mode: 'serial', timeout: 120_000 })
    test.use({ viewport })

    const signInAsLearner = async (page: Page) => {
      await signIn(page, { email: learner.email, password: JOURNEY_LEARNER_PASSWORD })
      await expect(page.getByRole('heading', { level: 1, name: `Hello, ${learner.firstName}` })).toBeVisible({
        timeout: 30_000,
      })
    }

    test('fails the knowledge check, is pointed back to what to read without being given the answers, then passes', async ({
      page,
    }) => {
      await signInAsLearner(page)
      await page.goto(`/modules/${slug}/check`)
      for (const answer of [wrongAnswers[0], wrongAnswers[1], answerKey[2], answerKey[3]]) {
        await page.getByLabel(answer!).check()
      }
      await page.getByRole('button', { name: 'Submit answers' }).click()

      const heading = page.getByRole('heading', { level: 1, name: 'Your result: not passed' })
      await expect(heading).toBeVisible()
      await expect(heading).toBeFocused()
      await expect(page).toHaveTitle(/^Your result: not passed – Spotting and reporting phishing/)
      await expect(page.locator('.nhsuk-warning-callout')).toContainText('You got 2 out of 4 right (50%)')
      await expect(page.locator('.nhsuk-panel')).toHaveCount(0)
      await expect(page.getByText('Question 1: An email says your mailbox will be closed')).toBeVisible()
      await expect(page.getByRole('link', { name: 'section 2: The warning signs' })).toBeVisible()
      await expect(page.getByRole('link', { name: 'section 3: Check before you click' })).toBeVisible()
      await expect(page.getByText(/^Question 3:/)).toHaveCount(0)

      // The answer key is neither on the page nor in the data sent with it (which holds only the options).
      const shown = await page.locator('main').innerText()
      for (const answer of answerKey) expect(shown).not.toContain(answer)
      const html = await page.content()
      expect(html).not.toMatch(/\bcorrect\b|explanation|right answer/i)
      expect(html).not.toContain('Urgency plus a sign-in link is a classic phishing pattern')

      await noSidewaysScroll(page, viewport.width)
      await expectNoSeriousA11yViolations(page)
      await screenshot(page, `failed-result-${viewport.width}`)

      // Back to the section that teaches the first question, then try again.
      await page.getByRole('link', { name: 'section 2: The warning signs' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'The warning signs' })).toBeFocused()
      await page.goto(`/modules/${slug}/check`)
      for (const answer of answerKey) await page.getByLabel(answer).check()
      await page.getByRole('button', { name: 'Submit answers' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Your result: passed' })).toBeFocused()
      await expect(page).toHaveTitle(/^Your result: passed – /)
      await expect(page.getByText('You got 4 out of 4 right (100%).')).toBeVisible()
      await expect(page.getByText('Urgency plus a sign-in link is a classic phishing pattern')).toBeVisible()
      await noSidewaysScroll(page, viewport.width)
      await expectNoSeriousA11yViolations(page)
    })

    test('the module just passed is tagged Passed in the catalogue, and its page offers a review, not Continue', async ({
      page,
    }) => {
      await signInAsLearner(page)
      // Looking back at a page of it after passing leaves a bookmark there.
      await page.goto(`/modules/${slug}/sections/2`)
      await expect(page.getByRole('heading', { level: 1, name: 'The warning signs' })).toBeVisible()

      await page.goto('/modules')
      const views = page.getByRole('navigation', { name: 'Which modules to show' })
      // In no team, so no role: all modules first, and no "For your role" view.
      await expect(views.locator('[aria-current="page"]')).toContainText('All modules')
      await expect(views.getByRole('link', { name: /For your role/ })).toHaveCount(0)
      await page.getByLabel('Search by title or topic').fill('phishing')
      await page.getByRole('button', { name: 'Apply filters' }).click()
      await expect(page).toHaveURL(/view=all&q=phishing/)
      await expect(page.getByRole('status')).toContainText('modules match')
      const card = moduleCard(page, 'Spotting and reporting phishing')
      await expect(card.locator('.nhsuk-tag').first()).toHaveText('Passed')
      await expect(page.getByRole('link', { name: /Continue/ })).toHaveCount(0)
      await noSidewaysScroll(page, viewport.width)
      await expectNoSeriousA11yViolations(page)

      await card.getByRole('link', { name: 'Spotting and reporting phishing' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Spotting and reporting phishing' })).toBeVisible()
      await expect(page.getByText(/^You passed this module on \d{1,2} \w+ \d{4}\./)).toBeVisible()
      await expect(page.getByRole('link', { name: 'Review the module' })).toBeVisible()
      await expect(page.getByRole('button', { name: 'Take it again' })).toBeVisible()
      await expect(page.getByRole('link', { name: /^Continue from page/ })).toHaveCount(0)
      await expect(page.locator('main')).not.toContainText('SAFE.1')
      await noSidewaysScroll(page, viewport.width)
      await expectNoSeriousA11yViolations(page)
      await screenshot(page, `passed-module-${viewport.width}`)

      // Nothing is assigned to them: the view says so.
      await page.goto('/modules')
      await views.getByRole('link', { name: /Assigned to you/ }).click()
      await expect(page.getByText('Nothing is assigned to you at the moment.')).toBeVisible()
    })

    test('moves through a module with the keyboard alone, focus landing on each new page’s heading', async ({
      page,
    }) => {
      await signInAsLearner(page)
      await page.goto('/modules/communicating-digitally-essentials')
      const start = page.getByRole('button', { name: /^(Start module|Start from the beginning)$/ })
      await tabTo(page, start)
      await page.keyboard.press('Enter')
      const pages = await page.getByText(/page 1 of \d+/).textContent()
      const total = Number(pages?.match(/of (\d+)/)?.[1])
      expect(total).toBeGreaterThan(2)
      for (let number = 2; number <= total; number++) {
        await tabTo(page, page.getByRole('button', { name: 'Next page' }))
        await page.keyboard.press('Enter')
        await expect(page.getByText(new RegExp(`page ${number} of ${total}`))).toBeVisible()
        const heading = page.getByRole('heading', { level: 1 })
        await expect(heading).toBeFocused()
        // The new page's title is read out.
        await expect(page.locator('[aria-live="polite"][aria-atomic="true"]')).toHaveText(await page.title())
      }
      await expectNoSeriousA11yViolations(page)
      await noSidewaysScroll(page, viewport.width)
    })
  })
}

/** Presses Tab until the element has focus, as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error('could not reach the element with the Tab key')
}

test('a dropped connection on submitting the questions keeps the answers and says to try again', async ({
  browser,
}) => {
  // A context of its own, not watched for console errors: the browser rightly logs the failed request.
  const context = await browser.newContext({ viewport: sizes.phone })
  const page = await context.newPage()
  await signIn(page, { email: journeyLearners.phone.email, password: JOURNEY_LEARNER_PASSWORD })
  await expect(page).toHaveURL('/')
  await page.goto('/modules/ai-literacy-and-automation-bias/check')
  const options = page.locator('input[type=radio], input[type=checkbox]')
  await options.first().check()
  await context.setOffline(true)
  await page.getByRole('button', { name: 'Submit answers' }).click()
  await expect(page.getByText('You seem to be offline.')).toBeVisible()
  await expect(options.first()).toBeChecked()
  await expect(page.getByRole('heading', { level: 1, name: 'Check what you have learned' })).toBeVisible()
  await context.setOffline(false)
  await page.getByRole('button', { name: 'Submit answers' }).click()
  // Back online, the server answers: here, that the other questions need answers.
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
  await expect(page.getByText('You seem to be offline.')).toHaveCount(0)
  await expect(options.first()).toBeChecked()
  await context.close()
})

for (const viewport of Object.values(sizes)) {
  test.describe(`the demo learner's pages at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport })

    test('home puts what to do before the readiness summary; the catalogue shows statuses, views and search', async ({
      page,
      login,
    }) => {
      await login({ role: 'learner' })
      const order = [
        'Carry on where you stopped',
        'Take these again soon',
        'What to do next',
        'Your readiness for your role',
      ]
      const tops: number[] = []
      for (const name of order) {
        const heading = page.getByRole('heading', { level: 2, name })
        await expect(heading).toBeVisible()
        tops.push((await heading.boundingBox())?.y ?? Infinity)
      }
      expect(tops).toEqual([...tops].sort((a, b) => a - b))
      // Work assigned by a manager (another journey may have assigned some) comes before everything else.
      const assigned = page.getByRole('heading', { level: 2, name: 'Assigned to you' })
      if ((await assigned.count()) > 0) expect((await assigned.boundingBox())?.y).toBeLessThan(tops[0] ?? 0)
      // What to do next is near the top on a phone, not after a long table of domains.
      expect(tops[2]).toBeLessThan(viewport.width < 500 ? 1300 : 900)
      await expect(page.getByText(/^Ready in \d of 6 areas\.$/)).toBeVisible()
      await expect(page.getByRole('link', { name: 'See your record of learning' })).toBeVisible()
      const home = await page.locator('main').innerText()
      expect(home).not.toMatch(/\b(SAFE|COMM|TECH|DATA|LEARN|INNOV)\.\d|\d{4}-\d{2}-\d{2}|level \d/)
      await noSidewaysScroll(page, viewport.width)
      await expectNoSeriousA11yViolations(page)
      await screenshot(page, `home-${viewport.width}`)

      await page.goto('/modules')
      await expect(page.getByRole('heading', { level: 1, name: 'Modules' })).toBeVisible()
      const views = page.getByRole('navigation', { name: 'Which modules to show' })
      await expect(views.locator('[aria-current="page"]')).toContainText('For your role')
      await expect(
        moduleCard(page, 'Passwords, multi-factor authentication and smartcards').locator('.nhsuk-tag').first(),
      ).toHaveText('Passed')
      await expect(moduleCard(page, 'Working together in Microsoft Teams').locator('.nhsuk-tag').first()).toHaveText(
        'In progress',
      )
      await expect(page.locator('main .nhsuk-tag', { hasText: 'Not started' }).first()).toBeVisible()
      await expect(page.locator('main')).not.toContainText(/\b(SAFE|COMM|TECH|DATA|LEARN|INNOV)\.\d/)
      await noSidewaysScroll(page, viewport.width)
      await expectNoSeriousA11yViolations(page)
      await screenshot(page, `catalogue-${viewport.width}`)

      await page.getByLabel('Search by title or topic').fill('dashboards')
      await page.getByRole('button', { name: 'Apply filters' }).click()
      await expect(page).toHaveURL(/view=role&q=dashboards/)
      await expect(moduleCard(page, 'Reading charts and dashboards critically')).toBeVisible()
      await expect(moduleCard(page, 'Working together in Microsoft Teams')).toHaveCount(0)
      await views.getByRole('link', { name: /All modules/ }).click()
      await expect(views.locator('[aria-current="page"]')).toContainText('All modules')
    })
  })
}

/** A module's card in the catalogue, found by its title. */
function moduleCard(page: Page, title: string) {
  return page.locator('.app-module-list > li').filter({ has: page.getByRole('link', { name: title, exact: true }) })
}
