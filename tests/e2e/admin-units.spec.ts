import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts'

// An administrator looks after the organisation tree: adds a team, renames it, closes it, and finds all three
// changes in the audit log. Units are added under Ribble's corporate services, which no other journey counts.

const ORGANISATION = 'Ribble Community Health and Care (demo)'
const DIRECTORATE = 'Corporate services'

async function openDirectorate(page: Page) {
  await page.goto('/admin/units')
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation units' })).toBeVisible()
  await page.getByRole('link', { name: ORGANISATION }).click()
  await expect(page.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible()
  await page.getByRole('link', { name: DIRECTORATE, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: DIRECTORATE })).toBeVisible()
}

/** Adds a team, renames it and closes it (confirming), checking the banner after each; returns the new name. */
async function addRenameAndClose(page: Page, { name, checkA11y }: { name: string; checkA11y: boolean }) {
  await openDirectorate(page)
  await page.getByLabel('Name of the new unit').fill(name)
  await page.getByRole('radio', { name: 'Team' }).check()
  await page.getByRole('button', { name: 'Add unit' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText(`${name} has been added to ${DIRECTORATE}`)
  if (checkA11y) await expectNoSeriousA11yViolations(page)

  const renamed = `${name} (renamed)`
  await page.getByLabel('New name').fill(renamed)
  await page.getByRole('button', { name: 'Rename', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText(`The unit is now called ${renamed}`)

  await page.getByRole('link', { name: `Close ${renamed}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Close ${renamed}?` })).toBeVisible()
  if (checkA11y) await expectNoSeriousA11yViolations(page)
  await page.getByRole('button', { name: `Yes, close ${renamed}` }).click()
  await expect(page.getByRole('alert')).toContainText(`${renamed} has been closed`)
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${escaped(renamed)}\\s+Closed`) })).toBeVisible()
  return renamed
}

/**
 * Opens the audit log and waits for the page to settle: a GET form submitted while the page is still hydrating
 * can be lost (React holds the event until it has hydrated), which a person would not notice but a test would.
 */
async function openAuditLog(page: Page) {
  await page.goto('/admin/audit', { waitUntil: 'networkidle' })
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
}

/** Filters the audit log by the unit's name and checks its three entries, newest first. */
async function expectThreeEntriesInTheAuditLog(page: Page, { name, renamed }: { name: string; renamed: string }) {
  await openAuditLog(page)
  await page.getByLabel('Person or unit').fill(name)
  await page.getByRole('button', { name: 'Apply filters' }).click()
  const table = page.getByRole('table', { name: 'Changes, newest first' })
  const rows = table.locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toContainText('Unit closed')
  await expect(rows.nth(0)).toContainText('Alex Admin')
  await expect(rows.nth(0)).toContainText('Status: Open')
  await expect(rows.nth(1)).toContainText('Unit renamed')
  await expect(rows.nth(1)).toContainText(`Name: ${name}`)
  await expect(rows.nth(1)).toContainText(renamed)
  await expect(rows.nth(2)).toContainText('Unit created')
  await expect(rows.nth(2)).toContainText(`Part of: ${DIRECTORATE}`)
  await expect(page.getByRole('link', { name: 'Download as CSV (spreadsheet)' })).toHaveAttribute(
    'href',
    `/admin/audit.csv?subject=${encodeURIComponent(name).replaceAll('%20', '+')}`,
  )
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test('an administrator adds, renames and closes a team, and finds each change in the audit log', async ({
  page,
  login,
}) => {
  // Six axe checks and four forms: slower than the default budget on a shared machine.
  test.setTimeout(180_000)
  await login({ role: 'admin' })
  await page.goto('/admin/units')
  await expectNoSeriousA11yViolations(page)
  const name = 'Scripted records team'
  const renamed = await addRenameAndClose(page, { name, checkA11y: true })
  await expectNoSeriousA11yViolations(page)
  await expectThreeEntriesInTheAuditLog(page, { name, renamed })
  await expectNoSeriousA11yViolations(page)

  // The closed team is folded away under its directorate.
  await openDirectorate(page)
  await expect(page.getByRole('link', { name: renamed, exact: true })).toBeHidden()
  await page.getByText('Show closed units').click()
  await expect(page.getByRole('link', { name: renamed, exact: true })).toBeVisible()
})

test('the unit and audit pages say what is wrong with a form, and axe finds nothing serious', async ({
  page,
  login,
}) => {
  test.setTimeout(120_000)
  await login({ role: 'admin' })
  await openDirectorate(page)
  await page.getByRole('button', { name: 'Add unit' }).click()
  const summary = page.locator('.nhsuk-error-summary')
  await expect(summary.getByRole('link')).toHaveText(['Enter a name for the unit'])
  await expect(page.getByLabel('Name of the new unit')).toHaveAttribute('aria-invalid', 'true')
  await expectNoSeriousA11yViolations(page)
  await page.getByLabel('Name of the new unit').fill('Kindless unit')
  await page.getByRole('button', { name: 'Add unit' }).click()
  await expect(summary.getByRole('link')).toHaveText(['Choose what kind of unit to add'])
  await summary.getByRole('link', { name: 'Choose what kind of unit to add' }).click()
  await expect(page.getByRole('radio', { name: 'Directorate' })).toBeFocused()

  await openAuditLog(page)
  const start = page.getByRole('group', { name: 'Start date' })
  await start.getByLabel('Day').fill('31')
  await start.getByLabel('Month').fill('2')
  await start.getByLabel('Year').fill('2026')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await expect(summary.getByRole('link')).toHaveText(['Start date must be a real date'])
  await expect(page.getByRole('table')).toHaveCount(0)
  await expectNoSeriousA11yViolations(page)
})

test.describe('at 320 CSS pixels wide nothing scrolls sideways', () => {
  test.use({ viewport: { width: 320, height: 640 } })

  test('the units pages and the audit log', async ({ page, login }) => {
    await login({ role: 'admin' })
    for (const open of [
      () => page.goto('/admin/units'),
      () => page.goto('/admin/units?q=ward'),
      () => openDirectorate(page),
      () => page.goto('/admin/audit'),
    ]) {
      await open()
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width, `${page.url()} is ${width}px wide`).toBeLessThanOrEqual(320)
    }
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the same journey works with plain form posts', async ({ page, login }) => {
    test.setTimeout(120_000)
    await login({ role: 'admin' })
    const name = 'Unscripted records team'
    const renamed = await addRenameAndClose(page, { name, checkA11y: false })
    await expectThreeEntriesInTheAuditLog(page, { name, renamed })
  })
})
