import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { importLeaverAccount } from './accounts.ts'
import { expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

// An administrator loads a staff list: upload, preview, apply, history. The journeys share one seeded
// database with every other spec, so the lists here are the demo's own Fylde Coast rows (organisation RFP),
// where no demo login works and no other journey looks: each organisation in a file is treated as complete,
// so Bay Hospitals and Ribble Community (Ward 7, Ward 8, the demo logins, the new starter) are not in the
// file and not touched. Each list changes one person of each kind, far below the 10% guard (52 people).
// The two runs build on each other, so they run in order.

const [header = '', ...demoRows] = fs.readFileSync('db/demo-staff.csv', 'utf8').split(/\r?\n/).filter(Boolean)
const fyldeCoast = demoRows.filter((row) => row.split(',')[5] === 'RFP')
const ORGANISATION = 'Fylde Coast Primary Care Partnership (demo)'

/** A staff list: the given rows, one left out, one moved to another team and one new person added. */
function changedList(
  rows: string[],
  change: { leaver: string; mover: string; from: string; to: string; newcomer: string },
): string[] {
  return [
    ...rows
      .filter((row) => !row.startsWith(`${change.leaver},`))
      .map((row) => (row.startsWith(`${change.mover},`) ? row.replace(`,${change.from},`, `,${change.to},`) : row)),
    change.newcomer,
  ]
}

/** A new person's row: `team` is the directorate and team, as the demo list writes them. */
const newcomer = ({ employee, first, last, position, team }: Record<string, string>) =>
  [
    employee,
    `${employee}-1`,
    first,
    last,
    `${first}.${last}@example.nhs.uk`.toLowerCase(),
    'RFP',
    ORGANISATION,
    team,
    '',
    '',
    '',
    position,
    'Allied Health Professionals',
    position,
    'Yes',
    'Active Assignment',
    '01/09/2025',
    '',
    '',
    '',
  ].join(',')

// First run: Ewan Jackson (Harbour Surgery) has left, Aisha Walsh moves to Promenade Medical Practice and
// Nadia Newstart joins Harbour Surgery.
const firstList = changedList(fyldeCoast, {
  leaver: importLeaverAccount.employeeNumber,
  mover: '10000100',
  from: 'Harbour Surgery',
  to: 'Promenade Medical Practice',
  newcomer: newcomer({
    employee: '10000901',
    first: 'Nadia',
    last: 'Newstart',
    position: 'Physiotherapist',
    team: 'General practice,Harbour Surgery',
  }),
})
// Second run, on top of the first: Harry Barker has left, Owen Mitchell moves to Home care team and Priya
// Plainform joins the Reablement service.
const secondList = changedList(firstList, {
  leaver: '10000101',
  mover: '10000102',
  from: 'Harbour Surgery',
  to: 'Home care team',
  newcomer: newcomer({
    employee: '10000902',
    first: 'Priya',
    last: 'Plainform',
    position: 'Occupational therapist',
    team: 'Social care partnership,Reablement service',
  }),
})
const csv = (rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n', 'utf8')

async function upload(page: Page, name: string, rows: string[]) {
  await page.goto('/admin/imports')
  await page.getByLabel('Staff list (CSV file)').setInputFiles({ name, mimeType: 'text/csv', buffer: csv(rows) })
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page).toHaveURL(/\/admin\/imports\/[^/?]+$/)
  return new URL(page.url()).pathname.split('/').at(-1) ?? ''
}

/** The preview shows one new, one moved and one suspended person, in the table and in the lists behind it. */
async function expectOneOfEach(page: Page, { leaver }: { leaver: string }) {
  const row = page.getByRole('row', { name: new RegExp(ORGANISATION.replace(/[()]/g, '\\$&')) })
  const cells = row.getByRole('cell')
  await expect(cells.nth(1)).toHaveText(/\b1$/) // New
  await expect(cells.nth(3)).toHaveText(/\b1$/) // Moved team
  await expect(cells.nth(4)).toHaveText(/\b1$/) // Suspended
  for (const summary of ['New (1)', 'Moved team (1)', 'Suspended (1)'])
    await expect(page.getByText(summary, { exact: true })).toBeVisible()
  await page.getByText('Suspended (1)', { exact: true }).click()
  await expect(page.getByRole('table', { name: 'Suspended: 1' })).toContainText(leaver)
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width, `the page is ${width}px wide`).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0)
}

test.describe.configure({ mode: 'serial' })

test('an administrator uploads a staff list, checks the preview, applies it and finds it in the history', async ({
  page,
  login,
  newWatchedContext,
}) => {
  test.setTimeout(120_000)
  await login({ role: 'admin' })
  await page.goto('/admin/imports')
  await expect(page.getByRole('heading', { level: 1, name: 'Staff imports' })).toBeVisible()
  await expect(page.getByText('Large files can take up to a minute to check')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Employee Number', exact: true })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  // Nothing chosen.
  await page.getByRole('button', { name: 'Check the file' }).click()
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select a CSV file')
  await expect(page.getByLabel('Staff list (CSV file)')).toHaveAttribute('aria-invalid', 'true')
  await expectNoSeriousA11yViolations(page)

  const runId = await upload(page, 'fylde-coast-first.csv', firstList)
  await expect(page.getByText('Previewed – not applied yet')).toBeVisible()
  await expectOneOfEach(page, { leaver: 'Ewan Jackson' })
  await expectNoSeriousA11yViolations(page)

  // On a small phone, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 })
  await expectNoSidewaysScroll(page)
  await page.goto('/admin/imports')
  await expectNoSidewaysScroll(page)
  await page.goto(`/admin/imports/${runId}`)
  await page.setViewportSize({ width: 1280, height: 900 })

  await page.getByRole('button', { name: 'Apply these changes' }).click()
  await expect(page).toHaveURL(`/admin/imports/${runId}?applied=1`)
  await expect(page.getByRole('alert')).toContainText('Staff list applied: 1 new, 1 moved, 1 suspended')
  const auditLink = page.getByRole('link', { name: 'See these changes in the audit log' })
  await expect(auditLink).toHaveAttribute('href', `/admin/audit?importRun=${runId}`)
  await auditLink.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: importLeaverAccount.name })).toContainText('Suspended')
  await expect(page.getByRole('row').filter({ hasText: 'Nadia Newstart' })).toContainText('Person added')
  await page.goBack()
  await expect(page.getByRole('button', { name: 'Apply these changes' })).toHaveCount(0)
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('link', { name: 'Staff imports' }).first().click()
  const history = page.getByRole('table', { name: 'Previous imports, newest first' })
  const run = history.getByRole('row').filter({ hasText: 'fylde-coast-first.csv' })
  await expect(run).toContainText('Applied')
  await expect(run).toContainText('1 new, 1 moved, 1 suspended')
  await expect(run).toContainText('Alex Admin')
  await run.getByRole('link').click()
  await expect(page).toHaveURL(`/admin/imports/${runId}`)

  // The person the import suspended is told so when they sign in with their right password.
  const leaverPage = await (await newWatchedContext()).newPage()
  await signIn(leaverPage, { email: importLeaverAccount.email, password: importLeaverAccount.password })
  await expect(leaverPage.locator('.nhsuk-error-summary')).toContainText('Your account is suspended')
  await expect(leaverPage).toHaveURL(/\/login/)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('upload, preview and apply work as plain form posts', async ({ page, login }) => {
    test.setTimeout(120_000)
    await login({ role: 'admin' })
    const runId = await upload(page, 'fylde-coast-second.csv', secondList)
    await expectOneOfEach(page, { leaver: 'Harry Barker' })
    await page.getByRole('button', { name: 'Apply these changes' }).click()
    await expect(page).toHaveURL(`/admin/imports/${runId}?applied=1`)
    await expect(page.getByRole('alert')).toContainText('Staff list applied: 1 new, 1 moved, 1 suspended')
    await page.goto('/admin/imports')
    await expect(page.getByRole('row').filter({ hasText: 'fylde-coast-second.csv' })).toContainText('Applied')
  })
})
