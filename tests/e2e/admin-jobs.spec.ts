import type { Page } from '@playwright/test'
import { bouncingAccount } from './accounts.ts'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'

// Background jobs: an email the mail server refuses for good is set aside, shown to administrators in words
// with the reason, and can be tried again.

test.describe.configure({ timeout: 120_000 })

async function openPerson(page: Page, name: string) {
  await page.goto('/admin/people')
  await page.getByLabel('Name, email or employee number').fill(name)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('an email that bounces is set aside on the jobs page and can be tried again', async ({ page, login }) => {
  await login({ role: 'admin' })
  await openPerson(page, bouncingAccount.name)
  await page.getByRole('button', { name: 'Send a password reset link' }).click()

  const setAside = page.getByRole('row').filter({ hasText: `Email to ${bouncingAccount.name}: Password reset` })
  // The worker sends within a second or two of the request; the page shows it once the mail server refused it.
  await expect(async () => {
    await page.goto('/admin/jobs')
    await expect(setAside).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 30_000 })
  await expect(setAside).toContainText('550')
  await expectNoSeriousA11yViolations(page)

  await setAside
    .first()
    .getByRole('button', { name: /Try again/ })
    .click()
  await expect(page.getByText('The job will be tried again within a minute.')).toBeVisible()
})

test.describe('at 320 CSS pixels wide', () => {
  test.use({ viewport: { width: 320, height: 640 } })

  test('the jobs page does not scroll sideways', async ({ page, login }) => {
    await login({ role: 'admin' })
    await page.goto('/admin/jobs')
    await expect(page.getByRole('heading', { level: 1, name: 'Background jobs' })).toBeVisible()
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(320)
  })
})
