import { describe, expect, test } from 'vitest'
import { createTeam, createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import { action as checkAction, loader as checkLoader } from './modules.$slug.check.tsx'
import { loader as overviewLoader } from './modules.$slug._index.tsx'
import { loader as sectionLoader } from './modules.$slug.sections.$number.tsx'

const slug = 'spotting-phishing'
const learner = async () => createUser({ team: await createTeam() })

async function responseStatus(promise: Promise<unknown>) {
  try {
    await promise
    return 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

describe('taking a module', () => {
  test('coming back to a module offers the page you last saw', async () => {
    const user = await learner()
    const overview = async () =>
      overviewLoader({ request: await signedInRequest(user.id, `/modules/${slug}`), params: { slug }, context: loadContext })
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
      sectionLoader({ request: await signedInRequest(user.id, `/modules/${s}/sections/${number}`), params: { slug: s, number }, context: loadContext })
    expect(await responseStatus(section(slug, '99'))).toBe(404)
    expect(await responseStatus(section(slug, 'two'))).toBe(404)
    expect(await responseStatus(section('no-such-module', '1'))).toBe(404)
  })

  test('the questions page data carries no answers or explanations', async () => {
    const user = await learner()
    const loaded = await checkLoader({ request: await signedInRequest(user.id, `/modules/${slug}/check`), params: { slug }, context: loadContext })
    const sent = JSON.stringify(loaded)
    expect(loaded.questions).toHaveLength(4)
    expect(sent).not.toMatch(/correct|explanation/i)
    expect(sent).not.toContain('Urgency plus a sign-in link is a classic phishing pattern')
  })

  test('submitting marks it on the server, and asks for any question left unanswered', async () => {
    const user = await learner()
    const submit = async (fields: [string, string][]) =>
      checkAction({
        request: await signedInRequest(user.id, `/modules/${slug}/check`, { method: 'POST', body: new URLSearchParams(fields) }),
        params: { slug },
        context: loadContext,
      })
    const partial = await submit([['q:urgent-mailbox', 'report']])
    if (!('data' in partial)) throw new Error('expected form errors')
    expect(partial.init?.status).toBe(400)
    expect(Object.values(partial.data.errors ?? {})).toEqual(['Answer question 2', 'Answer question 3', 'Answer question 4'])

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
