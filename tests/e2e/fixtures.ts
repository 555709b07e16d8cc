import { AxeBuilder } from '@axe-core/playwright'
import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import { DEMO_PASSWORD, demoAccounts, type Role } from './accounts.ts'

export { expect }
export { demoAccounts, passwordChangeAccount, DEMO_PASSWORD, type Role } from './accounts.ts'

interface Fixtures {
  /** Signs the test's page in through the sign-in form as a demo login and waits for the home page. */
  login: (options: { role: Role }) => Promise<void>
  /**
   * Another browser context (another person, or JavaScript switched off), watched for console errors
   * like the default one and closed after the test.
   */
  newWatchedContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
  /** Collects console errors and uncaught exceptions from every watched context; checked after each test. */
  browserProblems: string[]
}

export const test = base.extend<Fixtures>({
  browserProblems: async ({}, use) => {
    const problems: string[] = []
    await use(problems)
    // House rule: a page that logs console.error fails its test.
    expect(problems, 'the browser logged errors during this test').toEqual([])
  },

  context: async ({ context, browserProblems }, use) => {
    await watch(context, browserProblems)
    await use(context)
  },

  newWatchedContext: async ({ browser, browserProblems }, use) => {
    const contexts: BrowserContext[] = []
    await use(async (options) => {
      const context = await browser.newContext(options)
      await watch(context, browserProblems)
      contexts.push(context)
      return context
    })
    await Promise.all(contexts.map((context) => context.close()))
  },

  login: async ({ page }, use) => {
    await use(async ({ role }) => {
      await signIn(page, { email: demoAccounts[role].email, password: DEMO_PASSWORD })
      await expect(page).toHaveURL('/')
      await expect(
        page.getByRole('heading', { level: 1, name: `Hello, ${demoAccounts[role].firstName}` }),
      ).toBeVisible()
    })
  },
})

/** Fills and submits the sign-in form; the caller says what should happen next. */
export async function signIn(page: Page, { email, password }: { email: string; password: string }) {
  if (new URL(page.url(), 'http://x').pathname !== '/login') await page.goto('/login')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** Runs axe on the page as it is now; fails on any serious or critical violation, naming rule and elements. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const report = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((node) => `    at ${node.target.join(' ')}`).join('\n')}`,
  )
  expect(report, `axe found serious or critical violations on ${page.url()}`).toEqual([])
}

/**
 * Records console errors and uncaught exceptions. Tests never reach the internet: off-site requests
 * (NHS.UK frontend's Frutiger web fonts on assets.nhs.uk) are refused, and the browser's report of
 * those refusals is not counted, since the pages fall back to Arial by design.
 */
async function watch(context: BrowserContext, problems: string[]) {
  const refused = new Set<string>()
  await context.route(
    (url) => url.hostname !== 'localhost',
    async (route) => {
      refused.add(route.request().url())
      await route.abort('blockedbyclient')
    },
  )
  context.on('console', (message) => {
    if (message.type() !== 'error') return
    const { url, lineNumber } = message.location()
    if (refused.has(url) && message.text().startsWith('Failed to load resource')) return
    if (isDeliberateClientError(message.text(), url, message.page()?.url())) return
    problems.push(
      `console.error on ${message.page()?.url() ?? 'a page'}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`,
    )
  })
  context.on('weberror', (error) => {
    problems.push(`uncaught exception on ${error.page()?.url() ?? 'a page'}: ${error.error().message}`)
  })
}

/**
 * The browser reports every 4xx response as a console error. A 4xx answer to a page or to Remix's data
 * request is the app speaking on purpose (400 with a form's errors, 404 page not found) and the tests
 * check those pages themselves; a 4xx for a stylesheet, script or image is a broken page and still counts.
 */
function isDeliberateClientError(text: string, resourceUrl: string, pageUrl: string | undefined): boolean {
  if (!/^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text)) return false
  if (!URL.canParse(resourceUrl)) return false
  return new URL(resourceUrl).pathname.endsWith('.data') || resourceUrl === pageUrl
}
