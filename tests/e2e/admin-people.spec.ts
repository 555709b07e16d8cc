import type { Locator, Page } from '@playwright/test'
import { demoAccounts, expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'

// People administration: an administrator finds the demo learner, gives someone manager rights, suspends
// and restores someone; a manager finds people, only in their own teams. Journeys name people by the demo
// logins and teams by name ("Ward 7"), never by code or id, so they survive the demo being loaded another way.
// Changes are undone before the journey ends: other journeys sign in as the same people at the same time.

// Sign-ins (argon2) and axe are slow on a busy machine: more time than the default for every journey here.
test.describe.configure({ timeout: 120_000 })

const WARD_7 = 'Ward 7 – Acute medicine'
const WARD_8 = 'Ward 8 – Respiratory'
const demoNames: string[] = Object.values(demoAccounts).map((account) => account.name)
// Given rights by the first journey below; never suspended by another at the same time.
const RIGHTS_HOLDER = 'Harry Lowe'
// The staff import journey changes the Fylde Coast organisation's staff while these run.
const FYLDE_TEAMS = ['Harbour Surgery', 'Promenade Medical Practice', 'Home care team', 'Reablement service']

async function searchPeople(page: Page, query: string) {
  await page.getByLabel('Name, email or employee number').fill(query)
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  const search = new URLSearchParams({ q: query }).toString()
  await expect(page).toHaveURL((url) => url.search.startsWith(`?${search}`))
}

function resultRows(page: Page): Locator {
  return page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
}

async function expectNoHorizontalScroll(page: Page) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(scrollWidth, `the page is ${scrollWidth}px wide in a 320px viewport`).toBeLessThanOrEqual(320)
}

/** The first active person on the search results, page by page, whom no other journey uses. */
async function someoneToSuspend(page: Page): Promise<string> {
  for (let pageNumber = 0; pageNumber < 10; pageNumber++) {
    for (const row of await resultRows(page).all()) {
      const cells = (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim())
      const name = (await row.getByRole('link').innerText()).trim()
      const active = cells.at(-1)?.endsWith('Active')
      const elsewhere = cells.some((cell) => cell.includes(WARD_7) || FYLDE_TEAMS.some((team) => cell.includes(team)))
      if (active && !demoNames.includes(name) && name !== RIGHTS_HOLDER && !elsewhere) return name
    }
    await page.getByRole('link', { name: 'Next page' }).click()
  }
  throw new Error('no one to suspend on the first ten pages')
}

test('an administrator finds people, looks at the suspend confirmation, and gives and removes manager rights', async ({
  page,
  login,
}) => {
  // A long journey with three pages through axe: longer than the default on a shared machine.
  test.setTimeout(180_000)
  await login({ role: 'admin' })
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Administration' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible()
  await page.getByRole('main').getByRole('link', { name: 'People', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible()

  await searchPeople(page, 'Lauren')
  await expect(resultRows(page).filter({ hasText: WARD_7 }).getByRole('link', { name: 'Lauren Learner' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('link', { name: 'Lauren Learner' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lauren Learner' })).toBeVisible()
  await expect(page.getByText('Lauren Learner does not manage any unit.')).toBeVisible()
  // The confirmation before suspending (taken without JavaScript below), looked at and left.
  await page.getByRole('button', { name: 'Suspend Lauren Learner' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Suspend Lauren Learner?' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('link', { name: 'No, go back to Lauren Learner' }).click()

  // Rights go to someone no other journey signs in as (the journeys run in parallel on one database).
  await page.goto('/admin/people')
  await searchPeople(page, RIGHTS_HOLDER)
  await resultRows(page).filter({ hasText: 'Portering' }).getByRole('link', { name: RIGHTS_HOLDER }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Harry Lowe' })).toBeVisible()
  await page.getByLabel('Find a unit').fill('Ward 8')
  await page.getByRole('button', { name: 'Find units' }).click()
  await page.getByLabel('Unit they will manage').selectOption({ label: `${WARD_8} (Medicine)` })
  await page.getByRole('button', { name: 'Give manager rights' }).click()
  await expect(page.getByRole('alert')).toContainText(`Manager rights over ${WARD_8} given to Harry Lowe`)
  const rights = page.getByRole('table', { name: 'Units Harry Lowe manages' })
  await expect(rights.getByRole('row', { name: new RegExp(WARD_8) })).toContainText('An administrator')
  await expectNoSeriousA11yViolations(page)

  await rights.getByRole('button', { name: `Remove manager rights over ${WARD_8}` }).click()
  await expect(page.getByRole('alert')).toContainText(`Manager rights over ${WARD_8} removed from Harry Lowe`)
  await expect(page.getByText('Harry Lowe does not manage any unit.')).toBeVisible()
})

test('an administrator cannot remove their own administrator rights or suspend themselves', async ({ page, login }) => {
  await login({ role: 'admin' })
  await page.goto('/admin')
  await expectNoSeriousA11yViolations(page)
  await page.goto('/admin/people?q=Alex')
  await page.getByRole('main').getByRole('link', { name: demoAccounts.admin.name }).click()
  await expect(page.getByText('You cannot suspend yourself.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove administrator rights' })).toHaveCount(0)
})

test('a form sent without a unit says what is missing, beside the field', async ({ page, login }) => {
  await login({ role: 'admin' })
  await page.goto('/admin/people?q=Lauren')
  await page.getByRole('link', { name: 'Lauren Learner' }).click()
  await page.getByRole('button', { name: 'Give manager rights' }).click()
  const summary = page.locator('.nhsuk-error-summary')
  await expect(summary.getByRole('link', { name: 'Choose the unit they will manage' })).toBeVisible()
  await expect(page.getByLabel('Unit they will manage')).toHaveAttribute('aria-invalid', 'true')
  await expectNoSeriousA11yViolations(page)
})

// axe runs in the page, so it cannot check these pages without JavaScript: the journeys above check the same pages.
test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('an administrator suspends someone, after confirming, and restores them', async ({ page, login }) => {
    await login({ role: 'admin' })
    await page.goto('/admin/people')
    await searchPeople(page, 'a')
    const name = await someoneToSuspend(page)
    await page.getByRole('link', { name, exact: true }).first().click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()

    await page.getByRole('button', { name: `Suspend ${name}` }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Suspend ${name}?` })).toBeVisible()
    await page.getByRole('button', { name: `Yes, suspend ${name}` }).click()
    await expect(page.getByRole('alert')).toContainText(`${name} is suspended. They cannot sign in`)
    await expect(page.getByRole('definition').filter({ hasText: 'Suspended' }).first()).toContainText(
      'Suspended by an administrator',
    )

    // Administrators still find them, marked as suspended.
    await page.goto(`/admin/people?q=${encodeURIComponent(name)}`)
    await expect(resultRows(page).filter({ hasText: 'Suspended' }).getByRole('link', { name })).toHaveCount(1)
    await resultRows(page).filter({ hasText: 'Suspended' }).getByRole('link', { name }).click()

    await page.getByRole('button', { name: `Restore ${name}` }).click()
    await expect(page.getByRole('alert')).toContainText(`${name} is restored to`)
    await expect(page.getByRole('definition').filter({ hasText: 'Active: can sign in' })).toBeVisible()
  })
})

test('a manager finds people only in the teams they look after, and opens their record', async ({ page, login }) => {
  await login({ role: 'manager' })
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Find a person' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  // A letter in almost every name: everyone found is in Ward 7 or Ward 8.
  await searchPeople(page, 'e')
  const teams = await page.locator('tbody tr td:nth-child(2)').allInnerTexts()
  expect(new Set(teams.map((cell) => cell.trim()))).toEqual(new Set([WARD_7, WARD_8]))
  await expectNoSeriousA11yViolations(page)

  // The administrator's team is not one of theirs.
  await searchPeople(page, demoAccounts.admin.name)
  await expect(page.getByText(`No one matches ‘${demoAccounts.admin.name}’`)).toBeVisible()

  await searchPeople(page, 'Lauren')
  await page.getByRole('link', { name: 'Lauren Learner' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lauren Learner' })).toBeVisible()
})

test.describe('at 320 CSS pixels wide nothing scrolls sideways', () => {
  test.use({ viewport: { width: 320, height: 640 } })

  test('the search results and a person’s page', async ({ page, login }) => {
    await login({ role: 'admin' })
    await page.goto('/admin/people?q=Lauren')
    await expect(resultRows(page)).not.toHaveCount(0)
    await expectNoHorizontalScroll(page)
    await page.getByRole('link', { name: 'Lauren Learner' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Lauren Learner' })).toBeVisible()
    await expectNoHorizontalScroll(page)
  })
})
