import { expect, passwordChangeAccount, signIn, test } from './fixtures.ts'

// Uses its own account (created for the e2e database by playwright.config.ts), because changing a
// password signs that person out everywhere else and other tests sign the demo logins in concurrently.
test('changing your password: the new one signs in and the old one no longer does', async ({ page }) => {
  const { email, password: oldPassword } = passwordChangeAccount
  const newPassword = 'a brand new e2e password'

  await page.goto('/login')
  await signIn(page, { email, password: oldPassword })
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Pat' })).toBeVisible()

  await page.getByRole('link', { name: passwordChangeAccount.name }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible()

  // A mismatch is caught first, and nothing changes.
  await page.getByLabel('Current password').fill(oldPassword)
  await page.getByLabel('New password', { exact: true }).fill(newPassword)
  await page.getByLabel('Confirm new password').fill('something else entirely')
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.locator('.nhsuk-error-summary')).toContainText('The passwords do not match')

  await page.getByLabel('Confirm new password').fill(newPassword)
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page).toHaveURL('/account?changed=1')
  await expect(page.getByRole('status')).toContainText('Your password has been changed')

  // This device stays signed in with a fresh session.
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Pat' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL('/login')

  await signIn(page, { email, password: oldPassword })
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter a correct email address and password')

  await signIn(page, { email, password: newPassword })
  await expect(page).toHaveURL('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Pat' })).toBeVisible()
})
