import { DEMO_PASSWORD, demoAccounts, expect, signIn, test } from './fixtures.ts'

test.describe('signing in', () => {
  test('a learner lands on their home page with their learning and nothing to manage', async ({ page, login }) => {
    await login({ role: 'learner' })
    await expect(page.getByRole('heading', { level: 2, name: 'Your readiness for your role' })).toBeVisible()
    await expect(page.getByText('Ward 7 – Acute medicine · Clinical')).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Teams you manage' })).toHaveCount(0)
    await expect(page.getByRole('heading', { name: 'Organisation' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: demoAccounts.learner.name })).toHaveAttribute('href', '/account')
  })

  test('a manager lands on their home page and sees the teams they manage', async ({ page, login }) => {
    await login({ role: 'manager' })
    const teams = page.getByRole('region', { name: 'Teams you manage' })
    await expect(teams.getByRole('link', { name: 'Ward 7 – Acute medicine' })).toBeVisible()
    await expect(teams.getByRole('link', { name: 'Ward 8 – Respiratory' })).toBeVisible()
    await expect(teams.getByRole('listitem')).toHaveCount(2)
    await expect(page.getByRole('heading', { name: 'Organisation' })).toHaveCount(0)
  })

  test('an administrator lands on their home page and sees the organisation', async ({ page, login }) => {
    await login({ role: 'admin' })
    const organisation = page.getByRole('region', { name: 'Organisation' })
    await expect(organisation.getByRole('link', { name: 'Lancashire and South Cumbria ICB (demo)' })).toBeVisible()
  })

  test('a wrong password shows the error summary and keeps the email address', async ({ page }) => {
    await page.goto('/login')
    await signIn(page, { email: demoAccounts.learner.email, password: 'not-the-password' })
    const summary = page.locator('.nhsuk-error-summary')
    await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
    await expect(summary.getByRole('link', { name: 'Enter a correct email address and password' })).toHaveAttribute(
      'href',
      '#email',
    )
    await expect(summary).toBeFocused()
    await expect(page.getByLabel('Email address')).toHaveValue(demoAccounts.learner.email)
    await expect(page).toHaveURL('/login')
  })

  test('signing in from a protected page goes back to it', async ({ page }) => {
    await page.goto('/account')
    await expect(page).toHaveURL('/login?redirectTo=%2Faccount')
    await signIn(page, { email: demoAccounts.learner.email, password: DEMO_PASSWORD })
    await expect(page).toHaveURL('/account')
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible()
  })
})

test.describe('signing out', () => {
  test('ends the session: back on sign-in, and home asks to sign in again', async ({ page, login }) => {
    await login({ role: 'learner' })
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL('/login')
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)

    await page.goto('/')
    await expect(page).toHaveURL('/login')
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  })
})

test.describe('signing in without JavaScript', () => {
  test('the form signs in and lands on home', async ({ newWatchedContext }) => {
    const context = await newWatchedContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto('/login')
    await signIn(page, { email: demoAccounts.manager.email, password: DEMO_PASSWORD })
    await expect(page).toHaveURL('/')
    await expect(
      page.getByRole('heading', { level: 1, name: `Hello, ${demoAccounts.manager.firstName}` }),
    ).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Teams you manage' })).toBeVisible()
  })

  test('submitting the empty form shows the error summary', async ({ newWatchedContext }) => {
    const context = await newWatchedContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    const summary = page.locator('.nhsuk-error-summary')
    await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
    await expect(summary.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email')
    await expect(summary.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password')
    await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true')
  })

  test('a wrong password shows the error summary and keeps the email address', async ({ newWatchedContext }) => {
    const context = await newWatchedContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto('/login')
    await signIn(page, { email: demoAccounts.admin.email, password: 'not-the-password' })
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter a correct email address and password')
    await expect(page.getByLabel('Email address')).toHaveValue(demoAccounts.admin.email)
  })
})
