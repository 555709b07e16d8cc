import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'

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
