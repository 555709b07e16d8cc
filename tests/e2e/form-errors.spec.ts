import type { Page } from '@playwright/test'
import {
  expect,
  expectNoSeriousA11yViolations,
  signIn,
  test,
  DEMO_PASSWORD,
  demoAccounts,
  type Role,
} from './fixtures.ts'

// Every form, sent empty or wrong: the error summary appears, each message is announced with its field
// (its id is in the aria-describedby of that field's control or fieldset), each summary link leads to an
// element on the page, and axe finds nothing serious on the page showing them.

async function expectErrorsTiedToFields(page: Page, expectedMessages: string[]) {
  const summary = page.locator('.nhsuk-error-summary')
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible()
  await expect(summary.getByRole('link')).toHaveText(expectedMessages)
  const problems = await page.evaluate(() => {
    const found: string[] = []
    const messages = [...document.querySelectorAll('main .nhsuk-error-message')]
    if (messages.length === 0) found.push('no error messages beside the fields')
    for (const message of messages) {
      const group = message.closest('.nhsuk-form-group')
      const described = message.id
        ? [...(group?.querySelectorAll('[aria-describedby]') ?? [])].filter((element) =>
            (element.getAttribute('aria-describedby') ?? '').split(' ').includes(message.id),
          )
        : []
      if (described.length === 0) found.push(`"${message.textContent}" is not in its field's aria-describedby`)
    }
    for (const link of document.querySelectorAll<HTMLAnchorElement>('.nhsuk-error-summary a')) {
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)))
      if (!target) found.push(`the summary link "${link.textContent}" leads nowhere (${link.hash})`)
    }
    return found
  })
  expect(problems).toEqual([])
  await expect(page.locator('main .nhsuk-error-message')).toHaveCount(expectedMessages.length)
}

async function openWard7AssignPage(page: Page) {
  await page.getByRole('link', { name: 'Reports', exact: true }).click()
  await page.getByRole('table').getByRole('link', { name: 'Ward 7 – Acute medicine' }).click()
  await page.getByRole('link', { name: 'Assign learning' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Assign learning' })).toBeVisible()
}

// Forms that, sent empty, say what each of their fields needs.
const emptyForms: { name: string; role?: Role; path: string; button: string; errors: string[] }[] = [
  {
    name: 'sign in',
    path: '/login',
    button: 'Sign in',
    errors: ['Enter your email address', 'Enter your password'],
  },
  {
    name: 'change password',
    role: 'learner',
    path: '/account',
    button: 'Change password',
    errors: ['Enter your current password', 'Enter a new password', 'Confirm your new password'],
  },
  {
    name: 'issue an LRS key',
    role: 'admin',
    path: '/admin/lrs-clients',
    button: 'Issue key and secret',
    errors: ['Enter a name for the client', 'Choose at least one scope'],
  },
  {
    name: 'a knowledge check',
    role: 'learner',
    path: '/modules/spotting-phishing/check',
    button: 'Submit answers',
    errors: ['Answer question 1', 'Answer question 2', 'Answer question 3', 'Answer question 4'],
  },
]

test.describe('errors are announced with their fields, and axe finds nothing serious', () => {
  for (const form of emptyForms) {
    test(form.name, async ({ page, login }) => {
      if (form.role) await login({ role: form.role })
      await page.goto(form.path)
      await page.getByRole('button', { name: form.button, exact: true }).click()
      await expectErrorsTiedToFields(page, form.errors)
      await expectNoSeriousA11yViolations(page)
    })
  }

  test('assign learning', async ({ page, login }) => {
    await login({ role: 'manager' })
    await openWard7AssignPage(page)
    await page.getByRole('radio', { name: 'One person' }).check()
    await page.getByRole('group', { name: 'Due date' }).getByLabel('Day').fill('1')
    await page.getByRole('group', { name: 'Due date' }).getByLabel('Year').fill('2030')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await expect(page).toHaveTitle(/^Error: Assign learning/)
    await expectErrorsTiedToFields(page, [
      'Choose what to assign',
      'Choose the person the work is for',
      'Due date must include a month',
    ])
    await expectNoSeriousA11yViolations(page)
    // Only the box to correct is marked, and its summary link takes focus there without losing the errors.
    const dueDate = page.getByRole('group', { name: 'Due date' })
    await expect(dueDate.getByLabel('Month')).toHaveAttribute('aria-invalid', 'true')
    await expect(dueDate.getByLabel('Day')).not.toHaveAttribute('aria-invalid', 'true')
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Due date must include a month' }).click()
    await expect(dueDate.getByLabel('Month')).toBeFocused()
    await page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Choose what to assign' }).click()
    await expect(page.getByLabel('What to assign')).toBeFocused()
    await expect(page.locator('main .nhsuk-error-message')).toHaveCount(3)
  })

  test('a self-assessment screen', async ({ page, login }) => {
    await login({ role: 'manager' })
    await page.goto('/self-assessment/INNOV')
    await page.getByRole('button', { name: 'Save and see my results' }).click()
    const summary = page.locator('.nhsuk-error-summary')
    await expect(summary.getByRole('link').first()).toContainText('Choose where you are now for')
    const count = await page.locator('main fieldset').count()
    const messages = await summary.getByRole('link').allTextContents()
    expect(messages).toHaveLength(count)
    await expectErrorsTiedToFields(page, messages)
    await expectNoSeriousA11yViolations(page)
  })
})

test('without JavaScript, the assign form comes back with its errors and what was typed', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, { email: demoAccounts.manager.email, password: DEMO_PASSWORD })
  await openWard7AssignPage(page)
  const dueDate = page.getByRole('group', { name: 'Due date' })
  await dueDate.getByLabel('Day').fill('31')
  await dueDate.getByLabel('Month').fill('2')
  await dueDate.getByLabel('Year').fill('2030')
  await page.getByRole('button', { name: 'Continue', exact: true }).click()
  await expectErrorsTiedToFields(page, [
    'Choose what to assign',
    'Choose who the work is for',
    'Due date must be a real date',
  ])
  await expect(dueDate.getByLabel('Day')).toHaveValue('31')
  await expect(dueDate.getByLabel('Day')).toHaveAttribute('aria-invalid', 'true')
  // The server writes the title: no script is needed for "Error: " to be read first.
  await expect(page).toHaveTitle(/^Error: Assign learning/)
})

test('without JavaScript, a knowledge check sent with nothing answered is titled as an error', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, { email: demoAccounts.learner.email, password: DEMO_PASSWORD })
  await page.goto('/modules/spotting-phishing/check')
  await expect(page).toHaveTitle(/^Questions – Spotting and reporting phishing/)
  await page.getByRole('button', { name: /^Submit/ }).click()
  await expect(page).toHaveTitle(/^Error: Questions – Spotting and reporting phishing/)
})

test('without JavaScript, the forgotten-password form sent empty stays at its own address, titled as an error', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/forgot-password')
  await page.getByRole('button', { name: 'Send me a link' }).click()
  await expectErrorsTiedToFields(page, ['Enter your email address'])
  await expect(page).toHaveURL('/forgot-password')
  await expect(page).toHaveTitle('Error: Forgotten your password – Digital skills')
})
