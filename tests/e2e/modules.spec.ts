import { DEMO_PASSWORD, demoAccounts, expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

const phone = { width: 360, height: 740 }

test.use({ viewport: phone })

test('a learner on a phone finds a module, leaves half-way, resumes where they stopped, and passes without JavaScript', async ({
  page,
  login,
  newWatchedContext,
}) => {
  test.setTimeout(120_000)
  await login({ role: 'learner' })

  // The catalogue, filtered by domain.
  await page.getByRole('link', { name: 'Modules', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Modules' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByLabel('Domain').selectOption({ label: 'Digital identity, wellbeing, safety and security' })
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(page).toHaveURL(/domain=SAFE/)
  await expect(page.getByRole('status')).toContainText('modules match')
  await expect(page.getByRole('link', { name: 'Reading dashboards critically' })).toHaveCount(0)
  await page.getByRole('link', { name: 'Spotting and reporting phishing' }).click()

  // Section by section, then leave half-way.
  await page.getByRole('button', { name: /^(Start module|Start from the beginning)$/ }).click()
  await expect(page.getByText('Spotting and reporting phishing: page 1 of 4')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Why health and care is a target' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('button', { name: 'Next page' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'The warning signs' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width)
  await page.getByRole('button', { name: 'Save and leave' }).click()
  await expect(page).toHaveURL('/modules')

  // Coming back resumes at the same page.
  await page.goto('/modules/spotting-phishing')
  await page.getByRole('link', { name: 'Continue from page 2 of 4' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'The warning signs' })).toBeVisible()
  await page.getByRole('button', { name: 'Next page' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check before you click' })).toBeVisible()
  await page.getByRole('button', { name: 'Next page' }).click()
  await expect(page.getByText('page 4 of 4')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Go to the questions' })).toBeVisible()

  // The knowledge check, with JavaScript switched off.
  const noScript = await newWatchedContext({ javaScriptEnabled: false, viewport: phone })
  const plain = await noScript.newPage()
  await signIn(plain, { email: demoAccounts.learner.email, password: DEMO_PASSWORD })
  await plain.goto('/modules/spotting-phishing/check')
  const html = await plain.content()
  expect(html).not.toMatch(/"correct"|explanation/i)
  expect(html).not.toContain('Urgency plus a sign-in link is a classic phishing pattern')

  await plain.getByLabel('Report it as phishing and do not click the link').check()
  await plain.getByRole('button', { name: 'Submit answers' }).click()
  await expect(plain.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
  await expect(plain.getByRole('link', { name: 'Answer question 2' })).toBeVisible()
  await expect(plain.getByLabel('Report it as phishing and do not click the link')).toBeChecked()

  await plain
    .getByLabel('Hover over it (or press and hold on a phone) to see the real address before opening it')
    .check()
  await plain.getByLabel('Wait to see whether anything unusual happens').check()
  await plain.getByLabel('Forward it as an attachment to spamreports@nhs.net').check()
  await plain.getByRole('button', { name: 'Submit answers' }).click()
  await expect(plain.getByRole('heading', { level: 1, name: 'Your result: passed' })).toBeVisible()
  await expect(plain.getByText('You got 3 out of 4 right (75%). The pass mark is 75%.')).toBeVisible()
  await expect(plain.getByText('The right answer: Tell the IT service desk straight away')).toBeVisible()

  // axe needs script, so the result page is checked in the first (scripted) browser.
  await page.getByRole('button', { name: 'Go to the questions' }).click()
  for (const answer of [
    'Report it as phishing and do not click the link',
    'Hover over it (or press and hold on a phone) to see the real address before opening it',
    'Tell the IT service desk straight away and change the password from a trusted device',
    'Forward it as an attachment to spamreports@nhs.net',
  ]) {
    await page.getByLabel(answer).check()
  }
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('button', { name: 'Submit answers' }).click()
  await expect(page.getByText('You got 4 out of 4 right (100%).')).toBeVisible()
  await expectNoSeriousA11yViolations(page)
})

test('a draft or unknown module is not found', async ({ page, login }) => {
  await login({ role: 'learner' })
  const response = await page.goto('/modules/no-such-module')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})
