import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test, type Role } from './fixtures.ts'

const roles: Role[] = ['learner', 'manager', 'admin']

test.describe('axe finds no serious or critical violations', () => {
  test('on the sign-in page', async ({ page }) => {
    await page.goto('/login')
    await expectNoSeriousA11yViolations(page)
  })

  test('on the sign-in page showing errors', async ({ page }) => {
    await page.goto('/login')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  for (const role of roles) {
    test(`on the home page of a ${role}`, async ({ page, login }) => {
      await login({ role })
      await expectNoSeriousA11yViolations(page)
    })
  }

  test('on the LRS clients page, after issuing a key', async ({ page, login }) => {
    await login({ role: 'admin' })
    await page.goto('/admin/lrs-clients')
    await page.getByLabel('Name of the system').fill('Accessibility check course')
    await page.getByLabel('statements/write').check()
    await page.getByRole('button', { name: 'Issue key and secret' }).click()
    await expect(page.getByRole('heading', { name: 'Copy the secret now' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('on the account page', async ({ page, login }) => {
    await login({ role: 'learner' })
    await page.goto('/account')
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('on a team page', async ({ page, login }) => {
    await login({ role: 'manager' })
    await page.getByRole('link', { name: 'Ward 7 – Acute medicine' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Ward 7 – Acute medicine' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('on the page-not-found page', async ({ page }) => {
    await page.goto('/no-such-page')
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })
})

test.describe('at 320 CSS pixels wide nothing scrolls sideways', () => {
  test.use({ viewport: { width: 320, height: 640 } })

  test('the sign-in page', async ({ page }) => {
    await page.goto('/login')
    await expectNoHorizontalScroll(page)
  })

  for (const role of roles) {
    test(`the home page of a ${role}`, async ({ page, login }) => {
      await login({ role })
      await expectNoHorizontalScroll(page)
    })
  }

  test('the account page', async ({ page, login }) => {
    await login({ role: 'learner' })
    await page.goto('/account')
    await expectNoHorizontalScroll(page)
  })

  test('a team page', async ({ page, login }) => {
    await login({ role: 'manager' })
    await page.getByRole('link', { name: 'Ward 7 – Acute medicine' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Ward 7 – Acute medicine' })).toBeVisible()
    await expectNoHorizontalScroll(page)
  })
})

async function expectNoHorizontalScroll(page: Page) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a 320px viewport`).toBeLessThanOrEqual(320)
}
