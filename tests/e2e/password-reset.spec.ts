import type { BrowserContext, Page } from '@playwright/test'
import { PASSWORD_RESET_START_PASSWORD, passwordResetAccounts } from './accounts.ts'
import { expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'
import { linkIn, waitForEmail } from './mailbox.ts'

// Forgotten passwords, from the sign-in page to the email and back, as the person would do it. Each journey has
// a person of its own: setting a new password signs that person out everywhere.

// Sign-ins (argon2), the email worker and axe are slow on a busy machine.
test.describe.configure({ timeout: 120_000 })

const NEW_PASSWORD = 'a much better passphrase'
const RESET_PATH = /\/reset-password\/[a-z2-7]{52}/

/** The reset link's path, from the email the app sent to this address (the worker sends it in the background). */
async function resetLinkSentTo(email: string): Promise<string> {
  const message = await waitForEmail(email, { subject: 'Reset your Digital skills password', timeoutMs: 30_000 })
  const link = new URL(linkIn(message, '/reset-password/'))
  expect(link.pathname).toMatch(RESET_PATH)
  return link.pathname
}

/** Another device where the person is signed in, to see it signed out when the password is reset. */
async function signedInElsewhere(context: BrowserContext, account: { email: string; firstName: string }) {
  const page = await context.newPage()
  await signIn(page, { email: account.email, password: PASSWORD_RESET_START_PASSWORD })
  await expect(page.getByRole('heading', { level: 1, name: `Hello, ${account.firstName}` })).toBeVisible()
  return page
}

/**
 * The token is in the reset page's address: no request from that page (its assets, the form's post) may carry
 * it in the Referer header. Watches every request the page makes from now on.
 */
function watchReferers(page: Page) {
  const referers: Promise<string | null>[] = []
  page.on('request', (request) => referers.push(request.headerValue('referer')))
  return {
    withToken: async () => (await Promise.all(referers)).filter((referer) => referer && RESET_PATH.test(referer)),
  }
}

async function askForLink(page: Page, email: string) {
  await page.goto('/login')
  await page.getByRole('link', { name: 'Forgotten your password?' }).click()
  await expect(page).toHaveTitle('Forgotten your password – Digital skills')
  await expect(page.getByRole('heading', { level: 1, name: 'Forgotten your password?' })).toBeVisible()
  await page.getByLabel('Email address').fill(email)
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expect(page).toHaveURL('/forgot-password/sent')
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
  await expect(page.getByText('If an account uses that email address, we have sent a link')).toBeVisible()
}

async function chooseNewPassword(page: Page, password: string, confirmation = password) {
  await page.getByLabel('New password', { exact: true }).fill(password)
  await page.getByLabel('Confirm new password').fill(confirmation)
  await page.getByRole('button', { name: 'Save new password' }).click()
}

test('a forgotten password: the emailed link sets a new one, signs in here and signs out everywhere else', async ({
  page,
  newWatchedContext,
}) => {
  const account = passwordResetAccounts.withScript
  const elsewhere = await signedInElsewhere(await newWatchedContext(), account)

  await askForLink(page, account.email)
  await expectNoSeriousA11yViolations(page)

  const link = await resetLinkSentTo(account.email)
  const referers = watchReferers(page)
  const opened = await page.goto(link)
  // One policy, the page's own: never the site's default beside it.
  expect(opened?.headers()['referrer-policy']).toBe('strict-origin')
  await expect(page).toHaveTitle('Reset your password – Digital skills')
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await chooseNewPassword(page, NEW_PASSWORD, 'not the same at all')
  await expect(page.locator('.nhsuk-error-summary')).toContainText('The passwords do not match')
  await expectNoSeriousA11yViolations(page)

  await chooseNewPassword(page, NEW_PASSWORD)
  await expect(page).toHaveURL('/?password-reset=1')
  await expect(page.getByRole('heading', { level: 1, name: `Hello, ${account.firstName}` })).toBeVisible()
  await expect(page.getByRole('status')).toContainText('Your password has been reset')
  expect(await referers.withToken()).toEqual([])

  // The other device's session ended with the old password.
  await elsewhere.reload()
  await expect(elsewhere).toHaveURL('/login?ended=1')
  await expect(elsewhere.getByRole('status')).toContainText('You have been signed out')

  // The link works once.
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'This link no longer works' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('link', { name: 'Ask for a new link' }).click()
  await expect(page).toHaveURL('/forgot-password')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } })

  test('the same journey works with plain form posts, on a narrow phone screen', async ({
    page,
    newWatchedContext,
  }) => {
    const account = passwordResetAccounts.withoutScript
    const elsewhere = await signedInElsewhere(await newWatchedContext(), account)

    await askForLink(page, account.email)
    await expectNoHorizontalScroll(page)

    const referers = watchReferers(page)
    await page.goto(await resetLinkSentTo(account.email))
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible()
    await expectNoHorizontalScroll(page)

    await chooseNewPassword(page, 'too short')
    await expect(page.locator('.nhsuk-error-summary')).toContainText('New password must be 12 characters or more')

    await chooseNewPassword(page, NEW_PASSWORD)
    await expect(page).toHaveURL('/?password-reset=1')
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${account.firstName}` })).toBeVisible()
    expect(await referers.withToken()).toEqual([])

    await elsewhere.goto('/')
    await expect(elsewhere).toHaveURL('/login?ended=1')
  })
})

async function expectNoHorizontalScroll(page: Page) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a 320px viewport`).toBeLessThanOrEqual(320)
}
