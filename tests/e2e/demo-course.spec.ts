import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'

// The demo course the seed imports (db/demo-course), as a new user meets it: in the catalogue, on its own page,
// and a part that runs in the platform's sandbox on a small phone, marks the answers, records a fail, then a pass
// on a second go. The administrator takes it, so the learner's and manager's homes in other journeys stay as seeded.

const COURSE = 'Scam emails, calls and texts'
const PART = 'An email that wants you to act fast'

test('the demo course is in the catalogue, and its first part runs in its sandbox, fails, then passes', async ({
  page,
  login,
}) => {
  test.setTimeout(120_000)
  await login({ role: 'admin' })
  await page.setViewportSize({ width: 320, height: 640 })
  await page.goto('/modules?view=all')
  await page.getByLabel('Search by title or topic').fill('scam')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await page.getByRole('link', { name: COURSE }).click()
  await expect(page).toHaveURL('/courses/scam-emails-calls-and-texts')
  await expect(page.getByRole('heading', { level: 1, name: COURSE })).toBeVisible()

  await page.getByRole('button', { name: `Start ${PART}` }).click()
  await expect(page).toHaveURL(/\/course-files\/[0-9a-f]+\/email\.html\?/)
  await expect(page.getByRole('status')).toHaveText('Your answers are recorded when you check them.')
  await expect(page.getByRole('heading', { level: 1, name: PART })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)

  // Nothing chosen: each unanswered question is named, and the list takes focus.
  await page.getByRole('button', { name: 'Check my answers' }).click()
  const problem = page.getByRole('alert')
  await expect(problem).toBeFocused()
  await expect(problem.getByRole('link')).toHaveText([
    'Choose an answer to question 1',
    'Choose an answer to question 2',
    'Choose an answer to question 3',
  ])

  // One right of three: below the pass mark.
  await page.getByRole('radio', { name: /Dear colleague/ }).check()
  await page.getByRole('radio', { name: /Report it the way your organisation asks/ }).check()
  await page.getByRole('radio', { name: /Wait and see/ }).check()
  await page.getByRole('button', { name: 'Check my answers' }).click()
  await expect(page.getByRole('heading', { name: 'Your result' })).toBeFocused()
  await expect(page.getByText('You answered 1 of 3 questions correctly. You need 2 to pass.')).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('link', { name: 'Back to the course' }).click()
  await expect(page).toHaveURL('/courses/scam-emails-calls-and-texts')
  const parts = page.getByRole('list', { name: 'Parts of this course' })
  await expect(parts.getByRole('listitem').filter({ hasText: PART })).toContainText('In progress')

  // A second go, all right: passed, and the part is done.
  await page.getByRole('button', { name: `Continue ${PART}` }).click()
  await expect(page.getByRole('status')).toHaveText('Your answers are recorded when you check them.')
  await page.getByRole('radio', { name: /sender's address is not an NHS address/ }).check()
  await page.getByRole('radio', { name: /Report it the way your organisation asks/ }).check()
  await page.getByRole('radio', { name: /Change their password straight away/ }).check()
  await page.getByRole('button', { name: 'Check my answers' }).click()
  await expect(page.getByText('You answered 3 of 3 questions correctly. You have passed this part')).toBeVisible()
  await page.getByRole('link', { name: 'Back to the course' }).click()
  await expect(parts.getByRole('listitem').filter({ hasText: PART })).toContainText('Done')
  await expect(parts.getByRole('listitem').filter({ hasText: 'Calls and texts that ask for details' })).toContainText(
    'Not started',
  )
})
