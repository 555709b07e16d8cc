import { expect, test } from './fixtures.ts'

test('a manager opens their team and sees the people in it', async ({ page, login }) => {
  await login({ role: 'manager' })
  await page.getByRole('link', { name: 'Ward 7 – Acute medicine' }).click()
  await expect(page).toHaveURL(/\/units\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Ward 7 – Acute medicine' })).toBeVisible()
  const people = page.getByRole('table', { name: 'People in Ward 7 – Acute medicine' })
  await expect(people).toBeVisible()
  // 14 seeded staff, plus the demo learner and the manager themselves.
  await expect(people.getByRole('row')).toHaveCount(1 + 16)
  await expect(people.getByRole('row', { name: /Lauren Learner/ })).toContainText('Staff nurse')
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('listitem')
    .getByRole('link', { name: 'Home' })
    .click()
  await expect(page).toHaveURL('/')
})

test('a manager opening a unit they do not manage gets page not found', async ({ page, login, newWatchedContext }) => {
  // The administrator can see every unit: find another organisation's address through their pages.
  const adminPage = await (await newWatchedContext()).newPage()
  await adminPage.goto('/login')
  await adminPage.getByLabel('Email address').fill('admin@example.nhs.uk')
  await adminPage.getByLabel('Password', { exact: true }).fill('skills-demo-2026')
  await adminPage.getByRole('button', { name: 'Sign in', exact: true }).click()
  await adminPage.getByRole('link', { name: 'Lancashire and South Cumbria ICB (demo)' }).click()
  const otherOrganisation = adminPage.getByRole('link', { name: 'Ribble Community Health and Care (demo)' })
  await expect(otherOrganisation).toBeVisible()
  const href = await otherOrganisation.getAttribute('href')
  expect(href).toMatch(/^\/units\/[^/]+$/)

  await login({ role: 'manager' })
  const response = await page.goto(href ?? '')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page.getByText('Ribble Community Health and Care')).toHaveCount(0)
})

test('an unknown address shows page not found with status 404', async ({ page }) => {
  const response = await page.goto('/this/page/does-not-exist')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Go to your digital skills home page' })).toHaveAttribute('href', '/')
})
