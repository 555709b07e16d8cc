import { DEMO_PASSWORD, demoAccounts, expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

test.use({ viewport: { width: 360, height: 740 } })

test('a learner rates a domain on a phone and sees it beside their evidence and target', async ({ page, login }) => {
  await login({ role: 'manager' })
  await page.getByRole('link', { name: 'Rate your own digital skills' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Self-assessment' })).toBeVisible()
  await page.getByRole('link', { name: 'Digital identity, wellbeing, safety and security' }).click()
  await expect(page.getByText('Self-assessment: domain 1 of 6')).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('button', { name: 'Save and continue' }).click()
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()

  for (const competency of ['SAFE.1', 'SAFE.2', 'SAFE.3'])
    await page.locator(`#current-${competency.replace('.', '\\.')}-2`).check()
  await page.getByRole('button', { name: 'Save and continue' }).click()
  await expect(page.getByText('Self-assessment: domain 2 of 6')).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

  await page.goto('/self-assessment/results')
  const safe = page.getByRole('row', { name: /Digital identity, wellbeing, safety and security/ })
  await expect(safe).toContainText('Independent')
  await expect(safe).not.toContainText('Level')
  await expect(safe).toContainText('Not yet')
  await expectNoSeriousA11yViolations(page)
})

test('a question left unanswered: its message sits in its own group, the summary link jumps to its first option, and the title says Error, with or without JavaScript', async ({
  page,
  login,
  newWatchedContext,
}) => {
  await login({ role: 'manager' })
  await page.goto('/self-assessment/COMM')
  const firstQuestion = page.locator('main fieldset').first()
  await firstQuestion.locator('input[type=radio]').nth(2).check()
  await page.getByRole('button', { name: 'Save and continue' }).click()
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
  await expect(page).toHaveTitle(/^Error: /)
  // The second question's message is inside its own fieldset, which is described by it.
  const secondGroup = page
    .locator('main .nhsuk-form-group')
    .filter({ has: page.locator('fieldset') })
    .nth(1)
  await expect(secondGroup).toHaveClass(/nhsuk-form-group--error/)
  const message = secondGroup.locator('.nhsuk-error-message')
  const messageId = await message.getAttribute('id')
  expect(await secondGroup.locator('fieldset').getAttribute('aria-describedby')).toContain(messageId)
  await page.locator('.nhsuk-error-summary a').first().click()
  await expect(secondGroup.locator('input[type=radio]').first()).toBeFocused()
  await expectNoSeriousA11yViolations(page)

  const context = await newWatchedContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
  const plain = await context.newPage()
  await signIn(plain, { email: demoAccounts.manager.email, password: DEMO_PASSWORD })
  await plain.goto('/self-assessment/COMM')
  await plain.getByRole('button', { name: 'Save and continue' }).click()
  await expect(plain.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
  await expect(plain).toHaveTitle(/^Error: Communication, collaboration and participation – /)
  const href = await plain.locator('.nhsuk-error-summary a').first().getAttribute('href')
  expect(await plain.locator(`[id="${href?.slice(1)}"]`).getAttribute('type')).toBe('radio')
})
