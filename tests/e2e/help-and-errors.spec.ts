import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'

// What every page offers everyone: help and the accessibility statement from the footer, and error pages
// titled as what went wrong.

for (const size of [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
]) {
  test.describe(`${size.width} wide`, () => {
    test.use({ viewport: size })

    test('the footer leads to "Get help" and the accessibility statement, signed in or not', async ({ page }) => {
      await page.goto('/login')
      const footer = page.getByRole('contentinfo')
      await footer.getByRole('link', { name: 'Get help' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Get help' })).toBeVisible()
      await expect(page).toHaveTitle('Get help – Digital skills')
      await expect(page.getByRole('main')).toContainText('IT service desk')
      await expectNoSeriousA11yViolations(page)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)

      await footer.getByRole('link', { name: 'Accessibility statement' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeVisible()
      await expect(page).toHaveTitle('Accessibility statement – Digital skills')
      await expectNoSeriousA11yViolations(page)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width)
    })
  })
}

test('a page that does not exist is titled "Page not found"; a page you may not see, "You do not have permission"', async ({
  page,
  login,
}) => {
  await login({ role: 'learner' })
  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page).toHaveTitle('Page not found – Digital skills')

  const refused = await page.goto('/reports')
  expect(refused?.status()).toBe(403)
  await expect(
    page.getByRole('heading', { level: 1, name: 'You do not have permission to view this page' }),
  ).toBeVisible()
  await expect(page).toHaveTitle('You do not have permission – Digital skills')
  await expectNoSeriousA11yViolations(page)
})
