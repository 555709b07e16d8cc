import type { BrowserContext, Page } from '@playwright/test'
import { SSO_HELP_CONTACT, ssoOnlyAccount } from './accounts.ts'
import { demoAccounts, expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'
import { e2ePorts } from './mail-ports.ts'

// "Sign in with NHSmail" against a real OpenID provider (tests/e2e/oidc-provider-server.ts, oidc-provider with its
// own login and consent pages) playing NHSmail / Microsoft. The login name there is the account's email address.

const PROVIDER = `http://localhost:${e2ePorts.oidc}`

// Signing in at a second server, and axe, are slow on a busy machine: more time than the default for each journey.
test.describe.configure({ timeout: 120_000 })

/** On the provider's own pages: sign in as `login` (any password), then agree to share the details. */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/interaction/`))
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password will do')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
}

async function signInWithNhsmail(page: Page, login: string, { shared = false } = {}) {
  await page.goto('/login')
  const sso = page.getByRole('region', { name: 'With NHSmail' })
  if (shared) await sso.getByLabel('This is a shared computer').check()
  await sso.getByRole('button', { name: 'Sign in with NHSmail' }).click()
  await signInAtProvider(page, login)
}

/** From now on, this browser's requests are answered as if `minutes` had passed (TEST_CLOCK, development only). */
async function moveClock(context: BrowserContext, minutes: number) {
  await context.addCookies([{ name: 'test_clock', value: String(minutes * 60_000), domain: 'localhost', path: '/' }])
}

async function expectNoHorizontalScroll(page: Page) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a 320px viewport`).toBeLessThanOrEqual(320)
}

test.describe('signing in with NHSmail', () => {
  test('goes through the provider’s login page to the learner’s home', async ({ page }) => {
    await signInWithNhsmail(page, demoAccounts.learner.email)
    await expect(page).toHaveURL('/')
    await expect(
      page.getByRole('heading', { level: 1, name: `Hello, ${demoAccounts.learner.firstName}` }),
    ).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Your readiness for your role' })).toBeVisible()
  })

  test('works without JavaScript', async ({ newWatchedContext }) => {
    const context = await newWatchedContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await signInWithNhsmail(page, demoAccounts.learner.email)
    await expect(page).toHaveURL('/')
    await expect(
      page.getByRole('heading', { level: 1, name: `Hello, ${demoAccounts.learner.firstName}` }),
    ).toBeVisible()
  })

  test('on a shared computer, the session ends after 15 minutes without use', async ({ page, context }) => {
    await signInWithNhsmail(page, demoAccounts.learner.email, { shared: true })
    await expect(page).toHaveURL('/')
    // 14 minutes later: still signed in, and using the page keeps it going.
    await moveClock(context, 14)
    await page.reload()
    await expect(
      page.getByRole('heading', { level: 1, name: `Hello, ${demoAccounts.learner.firstName}` }),
    ).toBeVisible()
    // Then 16 minutes without use: signed out.
    await moveClock(context, 14 + 16)
    await page.reload()
    await expect(page).toHaveURL('/login?ended=1')
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    // Said, not silent: the next person at the computer (or the same one back) knows why.
    await expect(page.getByRole('status')).toContainText('You have been signed out')
  })

  test('on a computer that is not shared, an hour without use changes nothing', async ({ page, context, login }) => {
    await login({ role: 'learner' })
    await moveClock(context, 60)
    await page.reload()
    await expect(
      page.getByRole('heading', { level: 1, name: `Hello, ${demoAccounts.learner.firstName}` }),
    ).toBeVisible()
  })

  test('for an organisation that signs in with NHSmail only: no password form on their device, and signing out offers NHSmail’s sign-out', async ({
    page,
  }) => {
    await signInWithNhsmail(page, ssoOnlyAccount.email)
    await expect(page.getByRole('heading', { level: 1, name: `Hello, ${ssoOnlyAccount.firstName}` })).toBeVisible()

    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL('/signed-out?from=nhsmail')
    await expect(page.getByRole('heading', { level: 1, name: 'You have signed out of digital skills' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)

    await page.getByRole('link', { name: 'Sign in again' }).click()
    await expect(page.getByRole('button', { name: 'Sign in with NHSmail' })).toBeVisible()
    await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0)
    // Administrators (and anyone else on the device) can still reach the password form.
    await page.getByRole('link', { name: 'Sign in with an email address and password instead' }).click()
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible()

    // The provider's own sign-out, from the signed-out page, comes back to the sign-in page.
    await page.goto('/signed-out?from=nhsmail')
    await page.getByRole('button', { name: 'Sign out of NHSmail too' }).click()
    await page.getByRole('button', { name: 'Yes, sign me out' }).click()
    await expect(page).toHaveURL('/login')
  })

  test('someone the service does not know is told whom to contact', async ({ page }) => {
    await signInWithNhsmail(page, 'e2e.unknown.person@example.nhs.uk')
    await expect(page.getByRole('heading', { level: 1, name: 'We could not find your account' })).toBeVisible()
    await expect(page.getByText('You signed in to NHSmail as e2e.unknown.person@example.nhs.uk')).toBeVisible()
    // Every organisation that trusts the tenant, with its own contact.
    await expect(page.getByRole('listitem').filter({ hasText: ssoOnlyAccount.organisation })).toHaveText(
      `${ssoOnlyAccount.organisation}: ${SSO_HELP_CONTACT}`,
    )
    // Not signed in here, but still at NHSmail: the page offers its sign-out for the next person's sake.
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Sign out of NHSmail' })).toBeVisible()
  })
})

test.describe('administrators', () => {
  async function openSignInSettings(page: Page) {
    await page.goto('/admin/units')
    await page.getByRole('link', { name: ssoOnlyAccount.organisation }).click()
    const section = page.getByRole('region', { name: `How people in ${ssoOnlyAccount.organisation} sign in` })
    await expect(section).toContainText('Through single sign-on only')
    await section.getByRole('link', { name: `Change how people in ${ssoOnlyAccount.organisation} sign in` }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'How people sign in' })).toBeVisible()
  }

  test('see an organisation’s sign-in settings and what is wrong with a choice; nothing serious for axe', async ({
    page,
    login,
  }) => {
    await login({ role: 'admin' })
    await openSignInSettings(page)
    await expect(page.getByRole('radio', { name: 'Through single sign-on only' })).toBeChecked()
    await expectNoSeriousA11yViolations(page)
    // Single sign-on only, with no service ticked: refused, with the field named; nothing is saved.
    await page.getByRole('checkbox', { name: 'NHSmail / Microsoft' }).uncheck()
    await page.getByRole('button', { name: 'Save how people sign in' }).click()
    const summary = page.locator('.nhsuk-error-summary')
    await expect(summary.getByRole('link', { name: 'Choose at least one sign-in service' })).toHaveAttribute(
      'href',
      '#providers',
    )
    await expectNoSeriousA11yViolations(page)

    await page.goto('/admin/people/unplaced')
    await expect(page.getByRole('heading', { level: 1, name: 'People not in a team' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('see the NHSmail account linked to a person, and are asked before unlinking it', async ({
    page,
    login,
    newWatchedContext,
  }) => {
    // The SSO-only person signs in (and is linked, if no other journey has linked them yet) on their own device.
    const theirs = await (await newWatchedContext()).newPage()
    await signInWithNhsmail(theirs, ssoOnlyAccount.email)
    await expect(theirs.getByRole('heading', { level: 1, name: `Hello, ${ssoOnlyAccount.firstName}` })).toBeVisible()

    await login({ role: 'admin' })
    await page.goto(`/admin/people?${new URLSearchParams({ q: ssoOnlyAccount.name })}`)
    await page.getByRole('link', { name: ssoOnlyAccount.name }).click()
    const accounts = page.getByRole('table', { name: `Sign-in accounts linked to ${ssoOnlyAccount.name}` })
    await expect(accounts).toContainText('NHSmail / Microsoft')
    await expect(accounts).toContainText(ssoOnlyAccount.email)
    await accounts.getByRole('link', { name: 'Unlink NHSmail / Microsoft' }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: `Unlink NHSmail / Microsoft from ${ssoOnlyAccount.name}?` }),
    ).toBeVisible()
    await expectNoSeriousA11yViolations(page)
    // Other journeys sign in as this person at the same time: go back without unlinking.
    await page.getByRole('link', { name: `No, go back to ${ssoOnlyAccount.name}` }).click()
    await expect(page.getByRole('heading', { level: 1, name: ssoOnlyAccount.name })).toBeVisible()
  })
})

test.describe('axe finds no serious or critical violations', () => {
  test('on the sign-in page with NHSmail', async ({ page }) => {
    await page.goto('/login')
    await expect(page.getByRole('button', { name: 'Sign in with NHSmail' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('on the page refusing someone unknown', async ({ page }) => {
    await signInWithNhsmail(page, 'e2e.axe.unknown@example.nhs.uk')
    await expect(page.getByRole('heading', { level: 1, name: 'We could not find your account' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })

  test('on the page for a sign-in that did not work', async ({ page }) => {
    // A callback with no sign-in started from this browser (no state cookie).
    await page.goto('/auth/nhsmail/callback?code=made-up&state=made-up')
    await expect(page.getByRole('heading', { level: 1, name: 'Signing in did not work' })).toBeVisible()
    await expectNoSeriousA11yViolations(page)
  })
})

test.describe('at 320 CSS pixels wide nothing scrolls sideways', () => {
  test.use({ viewport: { width: 320, height: 640 } })

  test('the sign-in page with NHSmail, and the page refusing someone unknown', async ({ page }) => {
    await page.goto('/login')
    await expectNoHorizontalScroll(page)
    await signInWithNhsmail(page, 'e2e.narrow.unknown@example.nhs.uk')
    await expect(page.getByRole('heading', { level: 1, name: 'We could not find your account' })).toBeVisible()
    await expectNoHorizontalScroll(page)
  })

  test('an organisation’s sign-in settings', async ({ page, login }) => {
    await login({ role: 'admin' })
    await page.goto('/admin/units')
    await page.getByRole('link', { name: ssoOnlyAccount.organisation }).click()
    await page.getByRole('link', { name: `Change how people in ${ssoOnlyAccount.organisation} sign in` }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'How people sign in' })).toBeVisible()
    await expectNoHorizontalScroll(page)
  })
})
