import { describe, expect, test } from 'vitest'
import { createTeam, createUser } from '#tests/factories.ts'
import { readableText, renderRoute } from '#tests/render-route.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import type { Statement } from '#app/lib/xapi/model/statement-schema.ts'
import { queryStatements } from '#app/lib/xapi/store/statement-query.server.ts'
import CheckPage, { action as checkAction, loader as checkLoader } from './modules.$slug.check.tsx'
import { action as overviewAction, loader as overviewLoader } from './modules.$slug._index.tsx'
import { action as sectionAction, loader as sectionLoader } from './modules.$slug.sections.$number.tsx'

const slug = 'spotting-phishing'
const learner = async () => createUser({ team: await createTeam() })

describe('taking a module', () => {
  test('coming back to a module offers the page you last saw', async () => {
    const user = await learner()
    const overview = async () =>
      overviewLoader({
        request: await signedInRequest(user.id, `/modules/${slug}`),
        params: { slug },
        context: loadContext,
      })
    expect((await overview()).resumeAt).toBeNull()
    for (const number of ['1', '2']) {
      await sectionLoader({
        request: await signedInRequest(user.id, `/modules/${slug}/sections/${number}`),
        params: { slug, number },
        context: loadContext,
      })
    }
    expect((await overview()).resumeAt).toBe(2)
  })

  test('a page that does not exist, or a module that does not, is not found', async () => {
    const user = await learner()
    const section = async (s: string, number: string) =>
      sectionLoader({
        request: await signedInRequest(user.id, `/modules/${s}/sections/${number}`),
        params: { slug: s, number },
        context: loadContext,
      })
    expect(await statusOf(section(slug, '99'))).toBe(404)
    expect(await statusOf(section(slug, 'two'))).toBe(404)
    expect(await statusOf(section('no-such-module', '1'))).toBe(404)
  })

  test('the questions page data carries no answers or explanations', async () => {
    const user = await learner()
    const loaded = await checkLoader({
      request: await signedInRequest(user.id, `/modules/${slug}/check`),
      params: { slug },
      context: loadContext,
    })
    const sent = JSON.stringify(loaded)
    expect(loaded.questions).toHaveLength(4)
    expect(sent).not.toMatch(/correct|explanation/i)
    expect(sent).not.toContain('Urgency plus a sign-in link is a classic phishing pattern')
  })

  test('an attempt is recorded as xAPI statements with one registration and the content version', async () => {
    const user = await learner()
    const post = async (path: string, fields: Record<string, string> = {}) =>
      signedInRequest(user.id, path, { method: 'POST', body: new URLSearchParams(fields) })
    const started = await overviewAction({
      request: await post(`/modules/${slug}`),
      params: { slug },
      context: loadContext,
    })
    expect(started.headers.get('Location')).toBe(`/modules/${slug}/sections/1`)
    const next = await sectionAction({
      request: await post(`/modules/${slug}/sections/1`, { intent: 'next' }),
      params: { slug, number: '1' },
      context: loadContext,
    })
    expect(next.headers.get('Location')).toBe(`/modules/${slug}/sections/2`)
    const left = await sectionAction({
      request: await post(`/modules/${slug}/sections/2`, { intent: 'leave' }),
      params: { slug, number: '2' },
      context: loadContext,
    })
    expect(left.headers.get('Location')).toBe('/modules')
    const resumed = await overviewLoader({
      request: await signedInRequest(user.id, `/modules/${slug}`),
      params: { slug },
      context: loadContext,
    })
    expect(resumed.resumeAt).toBe(2)

    await checkAction({
      request: await post(`/modules/${slug}/check`, {
        'q:urgent-mailbox': 'report',
        'q:check-link': 'hover',
        'q:clicked': 'tell-it',
        'q:nhsmail-report': '7726',
      }),
      params: { slug },
      context: loadContext,
    })
    const { statements } = await queryStatements({ ascending: true })
    // Stored statements were validated on the way in: they are read as the schema's type.
    const mine = statements.map((row) => row.statement as Statement).filter((s) => s.actor.account?.name === user.id)
    const verbsSeen = mine.map((s) => String(s.verb.id).split('/').pop())
    expect(verbsSeen).toEqual([
      'launched',
      'experienced',
      'progressed',
      'suspended',
      'answered',
      'answered',
      'answered',
      'answered',
      'passed',
      'completed',
    ])
    const registrations = new Set(mine.map((s) => s.context?.registration))
    expect(registrations.size).toBe(1)
    expect(mine.every((s) => s.authority?.account?.name === 'skills-platform')).toBe(true)
    expect(
      mine.every((s) =>
        Object.keys(s.context?.extensions ?? {}).some((key) => key.endsWith('/xapi/extensions/content-version')),
      ),
    ).toBe(true)
    const progressed = mine.find((s) => s.verb.id.endsWith('/progressed'))
    expect(Object.values(progressed?.result?.extensions ?? {})).toEqual([25])
    const passed = mine.find((s) => s.verb.id.endsWith('/passed'))
    expect(passed?.result).toMatchObject({ success: true, score: { raw: 3, min: 0, max: 4, scaled: 0.75 } })
    const answered = mine.find((s) => s.verb.id.endsWith('/answered'))?.object
    expect(JSON.stringify(answered && 'definition' in answered ? answered.definition : undefined)).not.toMatch(
      /correct/i,
    )
    const after = await overviewLoader({
      request: await signedInRequest(user.id, `/modules/${slug}`),
      params: { slug },
      context: loadContext,
    })
    expect(after.resumeAt).toBeNull()
  })

  test('submitting marks it on the server, and asks for any question left unanswered', async () => {
    const user = await learner()
    const submit = async (fields: [string, string][]) =>
      checkAction({
        request: await signedInRequest(user.id, `/modules/${slug}/check`, {
          method: 'POST',
          body: new URLSearchParams(fields),
        }),
        params: { slug },
        context: loadContext,
      })
    const partial = await submit([['q:urgent-mailbox', 'report']])
    if (!('data' in partial)) throw new Error('expected form errors')
    expect(partial.init?.status).toBe(400)
    expect(Object.values(partial.data.errors ?? {})).toEqual([
      'Answer question 2',
      'Answer question 3',
      'Answer question 4',
    ])

    const complete = await submit([
      ['q:urgent-mailbox', 'report'],
      ['q:check-link', 'hover'],
      ['q:clicked', 'wait'],
      ['q:nhsmail-report', 'spamreports'],
    ])
    if ('data' in complete) throw new Error('expected a result')
    expect(complete.result).toMatchObject({ score: 3, total: 4, percent: 75, passed: true })
  })
})

describe('the result of a knowledge check', () => {
  const check = { pattern: '/modules/:slug/check', loader: checkLoader, action: checkAction, Component: CheckPage }
  const answerKey = [
    'Report it as phishing and do not click the link',
    'Hover over it (or press and hold on a phone) to see the real address before opening it',
    'Tell the IT service desk straight away and change the password from a trusted device',
    'Forward it as an attachment to spamreports@nhs.net',
  ]
  const submitted = async (userId: string, fields: [string, string][]) =>
    renderRoute(
      check,
      await signedInRequest(userId, `/modules/${slug}/check`, { method: 'POST', body: new URLSearchParams(fields) }),
    )

  test('a fail says which questions were wrong and where they are taught, and gives no answer away', async () => {
    const user = await learner()
    const html = await submitted(user.id, [
      ['q:urgent-mailbox', 'reply'],
      ['q:check-link', 'open'],
      ['q:clicked', 'tell-it'],
      ['q:nhsmail-report', 'spamreports'],
    ])
    const text = readableText(html)
    expect(text).toContain('Your result: not passed')
    expect(text).toContain('You got 2 out of 4 right (50%). The pass mark is 75%.')
    expect(html).toContain('nhsuk-warning-callout')
    expect(html).not.toContain('nhsuk-panel')
    expect(text).toContain('Question 1: An email says your mailbox will be closed')
    expect(text).toContain('Covered in section 2: The warning signs')
    expect(text).toContain('Question 2: What is the safest way to check where a link')
    expect(text).toContain('Covered in section 3: Check before you click')
    expect(text).not.toContain('Question 3:')
    expect(html).toContain(`href="/modules/${slug}/sections/2"`)
    // No answer key: not the right options, nor the explanations that give them away, nor "correct".
    for (const answer of answerKey) expect(text).not.toContain(answer)
    expect(text).not.toContain('Urgency plus a sign-in link is a classic phishing pattern')
    expect(html).not.toMatch(/correct|right answer/i)
  })

  test('a pass shows the answer key', async () => {
    const user = await learner()
    const text = readableText(
      await submitted(user.id, [
        ['q:urgent-mailbox', 'report'],
        ['q:check-link', 'hover'],
        ['q:clicked', 'wait'],
        ['q:nhsmail-report', 'spamreports'],
      ]),
    )
    expect(text).toContain('Your result: passed')
    expect(text).toContain(`The right answer: ${answerKey[2]}`)
    expect(text).toContain('Urgency plus a sign-in link is a classic phishing pattern')
  })
})
