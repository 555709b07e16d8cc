import { describe, expect, test } from 'vitest'
import { createStatement } from '#tests/statements.ts'
import { createClientAuth, xapiRequest } from '#tests/xapi.ts'
import { loader as activities } from './xapi.activities._index.ts'
import { loader as agents } from './xapi.agents._index.ts'
import { action as statements } from './xapi.statements.ts'

const context = { clientIp: null, cspNonce: '' }

describe('the Activities and Agents resources', () => {
  test('an activity comes back with the definition it was last stored with', async () => {
    const { authorization } = await createClientAuth()
    const id = 'https://example.test/activities/defined'
    const definition = { name: { 'en-GB': 'Defined' }, type: 'http://adlnet.gov/expapi/activities/module' }
    await statements({
      request: xapiRequest('/xapi/statements', {
        method: 'POST',
        body: createStatement({ object: { id, definition } }),
        authorization,
      }),
      params: {},
      context,
    })
    const known = await activities({
      request: xapiRequest(`/xapi/activities?activityId=${encodeURIComponent(id)}`, { authorization }),
      params: {},
      context,
    })
    expect(await known.json()).toEqual({ objectType: 'Activity', id, definition })
    const unknown = await activities({
      request: xapiRequest(`/xapi/activities?activityId=${encodeURIComponent('https://example.test/never-seen')}`, {
        authorization,
      }),
      params: {},
      context,
    })
    expect(await unknown.json()).toEqual({ objectType: 'Activity', id: 'https://example.test/never-seen' })
    const missing = await activities({
      request: xapiRequest('/xapi/activities', { authorization }),
      params: {},
      context,
    })
    expect(missing.status).toBe(400)
  })

  test('an agent comes back as a Person object', async () => {
    const { authorization } = await createClientAuth()
    const agent = encodeURIComponent(
      JSON.stringify({ objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.test' }),
    )
    const person = await agents({
      request: xapiRequest(`/xapi/agents?agent=${agent}`, { authorization }),
      params: {},
      context,
    })
    expect(await person.json()).toEqual({ objectType: 'Person', name: ['Ada'], mbox: ['mailto:ada@example.test'] })
    const bad = await agents({
      request: xapiRequest('/xapi/agents?agent={"mbox":"ada"}', { authorization }),
      params: {},
      context,
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/mbox/)
  })
})
