import { DEMO_PASSWORD, demoAccounts, expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

const recordHeadings = [
  'Readiness by domain',
  'Evidence held',
  'Modules and courses completed',
  'Self-assessment: your view, not evidence',
]

test('the learner opens their record of learning from home, prints it, and the printout is the record alone', async ({
  page,
  login,
}) => {
  await login({ role: 'learner' })
  await page.getByRole('link', { name: 'See your record of learning' }).click()
  await expect(page).toHaveURL('/record')
  await expect(page.getByRole('heading', { level: 1, name: 'Record of learning' })).toBeVisible()
  const details = page.locator('.nhsuk-summary-list')
  await expect(details).toContainText(demoAccounts.learner.name)
  await expect(details).toContainText('Ward 7')
  await expect(details).toContainText('Clinical')
  await expect(details).toContainText(/Produced on\s*\d{1,2} \w+ \d{4}/)
  await expect(page.getByRole('row', { name: /Digital identity, wellbeing, safety and security/ })).toContainText(
    /Ready|Not yet ready/,
  )
  await expectNoSeriousA11yViolations(page)

  // The button opens the browser's print dialogue (replaced here, since a headless browser has none to show).
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printed = 'yes'
    }
  })
  await page.getByRole('button', { name: 'Print this record' }).click()
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes')

  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('banner')).toBeHidden()
  await expect(page.getByRole('contentinfo')).toBeHidden()
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeHidden()
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeHidden()
  await expect(page.getByRole('button', { name: 'Print this record' })).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Record of learning' })).toBeVisible()
  for (const name of recordHeadings) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(0, 0, 0)')
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)')

  await page.emulateMedia({ media: 'screen' })
  await expect(page.getByRole('banner')).toBeVisible()
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 320, height: 640 } })

  test('the record fits 320 CSS pixels, and prints as real tables rather than stacked cards', async ({
    page,
    login,
  }) => {
    await login({ role: 'learner' })
    await page.goto('/record')
    await expect(page.getByRole('heading', { level: 1, name: 'Record of learning' })).toBeVisible()
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth, `the page is ${scrollWidth}px wide in a 320px viewport`).toBeLessThanOrEqual(320)
    await expectNoSeriousA11yViolations(page)

    // On a narrow screen the column headings are visually hidden (each cell repeats its own); on paper they head the columns.
    const columnHeadings = page.locator('thead').first()
    expect((await columnHeadings.boundingBox())?.width).toBeLessThanOrEqual(1)
    await page.emulateMedia({ media: 'print' })
    expect((await columnHeadings.boundingBox())?.width).toBeGreaterThan(200)
    await expect(page.locator('.nhsuk-table-responsive__heading').first()).toBeHidden()
  })
})

test('without JavaScript the record is all there and says how to print it; there is no button that could not work', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, { email: demoAccounts.learner.email, password: DEMO_PASSWORD })
  await expect(page).toHaveURL('/')
  await page.goto('/record')
  await expect(page.getByRole('heading', { level: 1, name: 'Record of learning' })).toBeVisible()
  for (const name of recordHeadings) await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Print this record' })).toHaveCount(0)
  await expect(page.getByText("To print this record, choose Print from your browser's menu")).toBeVisible()
  await expect(page.getByText('choose “Save as PDF” as the printer')).toBeVisible()
})
