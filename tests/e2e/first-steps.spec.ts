import fs from 'node:fs'
import { parse } from 'yaml'
import { newStarterAccount } from './accounts.ts'
import type { Page } from '@playwright/test'
import { expect, expectNoSeriousA11yViolations, signIn, test } from './fixtures.ts'

const phone = { width: 360, height: 740 }
test.use({ viewport: phone })

interface QuestionBank {
  questions: { id: string; options: { id: string; correct?: boolean }[] }[]
}

/** The right answers, read from the module's source as an author would know them. */
function correctAnswers(slug: string) {
  const bank = parse(fs.readFileSync(`content/modules/${slug}/questions.yaml`, 'utf8')) as QuestionBank
  return bank.questions.map((q) => ({
    questionId: q.id,
    optionIds: q.options.filter((o) => o.correct).map((o) => o.id),
  }))
}

// Home sums readiness up in a short list, one line per area.
const readinessRow = (page: Page, domain: string) =>
  page.getByRole('list', { name: 'Readiness by area' }).getByRole('listitem').filter({ hasText: domain })

test('a new starter rates themselves, is pointed at their biggest gap, passes that module and sees their level and next steps change', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await signIn(page, { email: newStarterAccount.email, password: newStarterAccount.password })
  await expect(page.getByRole('heading', { level: 1, name: `Hello, ${newStarterAccount.firstName}` })).toBeVisible()
  const safety = 'Digital identity, wellbeing, safety and security'
  await expect(readinessRow(page, safety)).toContainText('Not yet ready')
  await expect(readinessRow(page, safety)).toContainText('You: Not yet evidenced. Your role needs: Independent.')

  // The self-assessment: safety feels weakest (not yet), everything else independent.
  await page.getByRole('link', { name: 'Rate your own digital skills' }).click()
  await page.getByRole('link', { name: safety }).click()
  for (let screen = 1; screen <= 6; screen++) {
    await expect(page.getByText(`Self-assessment: domain ${screen} of 6`)).toBeVisible()
    const level = screen === 1 ? 0 : 2
    const choices = page.locator(`input[type=radio][name^="current:"][value="${level}"]`)
    for (const choice of await choices.all()) await choice.check()
    if (screen === 1) await expectNoSeriousA11yViolations(page)
    await page.getByRole('button', { name: screen < 6 ? 'Save and continue' : 'Save and see my results' }).click()
  }

  // Results: the evidence is short everywhere; safety, where they rated themselves lowest, comes first.
  await expect(page.getByRole('heading', { level: 1, name: 'Your self-assessment' })).toBeVisible()
  await expect(page.getByRole('row', { name: new RegExp(safety) })).toContainText('Not yet')
  const firstPick = page
    .getByRole('heading', { name: 'Where to start' })
    .locator('xpath=following-sibling::ul[1]/li[1]')
  await expect(firstPick).toContainText(
    `Takes ${safety} from Not yet evidenced to Foundation (your role needs Independent)`,
  )
  await expectNoSeriousA11yViolations(page)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width)
  await firstPick.getByRole('link').click()

  // The recommended module, start to finish.
  await page.waitForURL(/\/modules\/[a-z0-9-]+$/)
  const slug = new URL(page.url()).pathname.split('/').at(-1) ?? ''
  await page.getByRole('button', { name: 'Start module' }).click()
  for (;;) {
    const progress = (await page.getByText(/: page \d+ of \d+$/).textContent()) ?? ''
    const [, current, pages] = /page (\d+) of (\d+)/.exec(progress) ?? []
    if (!current || current === pages) break
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect(page.getByText(`page ${Number(current) + 1} of ${pages}`)).toBeVisible()
  }
  await page.getByRole('button', { name: 'Go to the questions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Check what you have learned' })).toBeVisible()
  for (const { questionId, optionIds } of correctAnswers(slug)) {
    for (const optionId of optionIds) await page.locator(`input[name="q:${questionId}"][value="${optionId}"]`).check()
  }
  await page.getByRole('button', { name: 'Submit answers' }).click()
  await expect(page.getByRole('heading', { name: 'Your result: passed' })).toBeVisible()

  // Home: safety is at Foundation now, and what to do next has moved on.
  await page.goto('/')
  await expect(readinessRow(page, safety)).toContainText('You: Foundation. Your role needs: Independent.')
  await expect(readinessRow(page, safety)).toContainText('Not yet ready')
  const whatNext = page.getByRole('heading', { name: 'What to do next' }).locator('xpath=following-sibling::ul[1]')
  await expect(whatNext.getByRole('link', { name: 'Digital safety essentials' })).toHaveCount(0)
  await expect(whatNext).not.toContainText(`Takes ${safety} from Not yet evidenced`)
  await expect(page.getByText(/^Ready in \d of 6 areas\.$/)).toBeVisible()
  await expectNoSeriousA11yViolations(page)
})
