import { describe, expect, test } from 'vitest'
import { titleAfterAction } from '#app/lib/forms/action-title.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest, statusOf } from '#tests/requests.ts'
import { action as saveDomain, loader as domainLoader, meta } from './self-assessment.$domain.tsx'
import { loader as resultsLoader } from './self-assessment.results.tsx'

describe('the self-assessment', () => {
  test('each screen is saved, kept, and shown beside evidence without ever counting as evidence', async () => {
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    const post = async (domain: string, fields: Record<string, string>) =>
      saveDomain({
        request: await signedInRequest(user.id, `/self-assessment/${domain}`, {
          method: 'POST',
          body: new URLSearchParams(fields),
        }),
        params: { domain },
        context: loadContext,
      })

    const incomplete = await post('SAFE', { 'current:SAFE.1': '2' })
    if (!('data' in incomplete)) throw new Error('expected errors')
    expect(Object.values(incomplete.data.errors)).toEqual([
      'Choose where you are now for Handles personal and patient information lawfully',
      'Choose where you are now for Looks after digital wellbeing',
    ])

    const saved = await post('SAFE', {
      'current:SAFE.1': '3',
      'target:SAFE.1': '3',
      'current:SAFE.2': '2',
      'current:SAFE.3': '1',
      intent: 'next',
    })
    if ('data' in saved) throw new Error('expected a redirect')
    expect(saved.headers.get('Location')).toBe('/self-assessment/COMM')

    const again = await domainLoader({
      request: await signedInRequest(user.id, '/self-assessment/SAFE'),
      params: { domain: 'SAFE' },
      context: loadContext,
    })
    expect(again.competencies.find((c) => c.id === 'SAFE.1')?.saved).toEqual({ current: 3, target: 3 })

    const results = await resultsLoader({
      request: await signedInRequest(user.id, '/self-assessment/results'),
      params: {},
      context: loadContext,
    })
    expect(results.domains.find((d) => d.domainId === 'SAFE')).toMatchObject({
      selfRating: 1,
      evidenceLevel: 0,
      target: 2,
    })
    expect(results.domains.find((d) => d.domainId === 'COMM')).toMatchObject({ selfRating: null })
  })

  test('sent with a question unanswered, the answer marks the page title as an error', async () => {
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    const answer = await saveDomain({
      request: await signedInRequest(user.id, '/self-assessment/SAFE', {
        method: 'POST',
        body: new URLSearchParams({ 'current:SAFE.1': '2' }),
      }),
      params: { domain: 'SAFE' },
      context: loadContext,
    })
    if (!('data' in answer)) throw new Error('expected the form back with its errors')
    expect(answer.init?.status).toBe(400)
    const data = await domainLoader({
      request: await signedInRequest(user.id, '/self-assessment/SAFE'),
      params: { domain: 'SAFE' },
      context: loadContext,
    })
    const [first] = meta({ data, params: {}, location: {} as never, matches: [] as never, error: undefined })
    const routeTitle = first && 'title' in first ? String(first.title) : ''
    expect(routeTitle).toBe('Digital identity, wellbeing, safety and security – Digital skills')
    // What the server writes into the document after this post (entry.server.tsx), with or without JavaScript.
    expect(titleAfterAction(answer.data, routeTitle)).toBe(
      'Error: Digital identity, wellbeing, safety and security – Digital skills',
    )
  })

  test('an unknown domain is not found', async () => {
    const user = await createUser()
    expect(
      await statusOf(
        domainLoader({
          request: await signedInRequest(user.id, '/self-assessment/NOPE'),
          params: { domain: 'NOPE' },
          context: loadContext,
        }),
      ),
    ).toBe(404)
  })
})
