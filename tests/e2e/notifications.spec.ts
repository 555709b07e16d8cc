import type { BrowserContext, Page } from '@playwright/test'
import { unsubscribeToken } from '#app/lib/notifications/unsubscribe-token.server.ts'
import { newStarterAccount } from './accounts.ts'
import { DEMO_PASSWORD, demoAccounts, expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

// The server under test runs with the development SESSION_SECRET (or whatever this process's environment sets for
// both), so a link minted here with the app's own token module is one the app itself would have emailed.

test('a learner turns off emails about learning due soon, and sees the choice kept', async ({ page, login }) => {
  await login({ role: 'learner' })
  await page.goto('/account')
  await page.getByRole('link', { name: 'Choose which emails you get' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Emails you get' })).toBeVisible()
  await expect(page).toHaveTitle('Emails you get – Digital skills')
  // A learner who manages nobody is not offered the managers' weekly summary.
  await expect(page.getByLabel('Weekly summary of your teams')).toHaveCount(0)
  await expectNoSeriousA11yViolations(page)

  const dueSoon = page.getByLabel('Learning due soon')
  await expect(dueSoon).toBeChecked()
  await dueSoon.uncheck()
  await page.getByRole('button', { name: 'Save email choices' }).click()
  await expect(page).toHaveURL('/account/notifications?saved=1')
  await expect(page.getByRole('alert')).toContainText('Your email choices have been saved.')
  // The banner keeps focus after the page changes, so the next Tab starts from what just happened.
  await expect(page.locator('.nhsuk-notification-banner')).toBeFocused()
  await expectNoSeriousA11yViolations(page)

  await page.reload()
  await expect(page.getByLabel('Learning due soon')).not.toBeChecked()
  await expect(page.getByLabel('Overdue learning')).toBeChecked()
  await expectFitsA320PixelScreen(page)

  // Turned back on, so that journeys about reminder emails still find the demo learner getting them.
  await page.getByLabel('Learning due soon').check()
  await page.getByRole('button', { name: 'Save email choices' }).click()
  await expect(page.getByRole('alert')).toContainText('Your email choices have been saved.')
  await expect(page.getByLabel('Learning due soon')).toBeChecked()
})

test('an administrator finds the email rules, which explain themselves and are saved', async ({ page, login }) => {
  await login({ role: 'admin' })
  await page.goto('/admin')
  await page.getByRole('link', { name: 'Email rules' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Email rules' })).toBeVisible()
  await expect(page.getByRole('group', { name: 'Which emails must everyone get?' })).toBeVisible()
  await expect(page.getByText('Emails to reset a password are always sent.')).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await expectFitsA320PixelScreen(page)
  // Other journeys run alongside this one and expect every kind to be a choice, so nothing is made mandatory here.
  await page.getByRole('button', { name: 'Save email rules' }).click()
  await expect(page.getByRole('alert')).toContainText('Nothing changed')
})

test.describe('an unsubscribe link from an email', () => {
  let personId: string

  test.beforeAll(async ({ browser }) => {
    personId = await idOf(await browser.newContext(), newStarterAccount.name)
  })

  test('works without JavaScript or signing in, asking before it stops anything', async ({ newWatchedContext }) => {
    const context = await newWatchedContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`/unsubscribe/${unsubscribeToken({ userId: personId, kind: 'overdue' })}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Stop emails about overdue learning?' })).toBeVisible()

    await page.getByRole('button', { name: 'Stop these emails' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Emails stopped' })).toBeVisible()
    await expect(page.getByText('You will no longer get emails about overdue learning.')).toBeVisible()
    await expect(page.getByRole('link', { name: 'your account settings' })).toHaveAttribute(
      'href',
      '/account/notifications',
    )

    // The person sees the same on their account page.
    const own = await context.newPage()
    await signIn(own, { email: newStarterAccount.email, password: newStarterAccount.password })
    await expect(own).toHaveURL('/')
    await own.goto('/account/notifications')
    await expect(own.getByLabel('Overdue learning')).not.toBeChecked()
    await expect(own.getByLabel('Learning due today')).toBeChecked()
  })

  test('asks and confirms in pages axe finds nothing serious on', async ({ page }) => {
    await page.goto(`/unsubscribe/${unsubscribeToken({ userId: personId, kind: 'assigned' })}`)
    await expect(page).toHaveTitle('Stop emails about new learning given to you? – Digital skills')
    await expectNoSeriousA11yViolations(page)
    await page.getByRole('button', { name: 'Stop these emails' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Emails stopped' })).toBeVisible()
    await expect(page).toHaveTitle('Emails stopped – Digital skills')
    await expectNoSeriousA11yViolations(page)
    await expectFitsA320PixelScreen(page)
  })

  test('takes a mail client’s one-click request from another site, and nothing else from there', async ({
    request,
  }) => {
    const link = `/unsubscribe/${unsubscribeToken({ userId: personId, kind: 'evidence-lapsing' })}`
    const oneClick = await request.post(link, {
      form: { 'List-Unsubscribe': 'One-Click' },
      headers: { Origin: 'https://mail.example.com' },
    })
    expect(oneClick.status()).toBe(200)
    // React marks where text and values meet with empty comments; a reader sees neither.
    const confirmation = (await oneClick.text()).replaceAll('<!-- -->', '')
    expect(confirmation).toContain('You will no longer get emails about skills that are about to run out.')

    const elsewhere = await request.post('/account/notifications', {
      form: { wanted: 'assigned' },
      headers: { Origin: 'https://mail.example.com' },
    })
    expect(elsewhere.status()).toBe(403)
  })

  test('that has been altered does not work', async ({ page }) => {
    const genuine = unsubscribeToken({ userId: personId, kind: 'assigned' })
    const response = await page.goto(`/unsubscribe/${genuine.slice(0, -2)}xx`)
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Stop these emails' })).toHaveCount(0)
    await expectNoSeriousA11yViolations(page)
  })
})

/** Nothing scrolls sideways on the narrowest phone screen the service supports. */
async function expectFitsA320PixelScreen(page: Page) {
  await page.setViewportSize({ width: 320, height: 640 })
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a 320px viewport`).toBeLessThanOrEqual(320)
}

/** A person's id, as an administrator finds it: the address of their page. */
async function idOf(context: BrowserContext, name: string): Promise<string> {
  const page = await context.newPage()
  await signIn(page, { email: demoAccounts.admin.email, password: DEMO_PASSWORD })
  await expect(page).toHaveURL('/')
  await page.goto(`/admin/people?q=${encodeURIComponent(name)}`)
  await page.getByRole('link', { name }).click()
  await expect(page).toHaveURL(/\/admin\/people\/[^/?]+$/)
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? ''
  await context.close()
  return id
}
