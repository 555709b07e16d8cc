import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { createLrsClient, type LrsScope } from '#app/lib/xapi/clients/lrs-clients.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import * as activityProfile from './xapi.activities.profile.ts'
import * as state from './xapi.activities.state.ts'
import * as agentProfile from './xapi.agents.profile.ts'

type Resource = typeof state
const PATHS = new Map<Resource, string>([
  [state, '/xapi/activities/state'],
  [activityProfile, '/xapi/activities/profile'],
  [agentProfile, '/xapi/agents/profile'],
])

const sha1 = (bytes: Uint8Array | string) => createHash('sha1').update(bytes).digest('hex')
const newActivity = () => `https://example.test/activities/${randomUUID()}`
const newAgent = () => ({ objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.test` })

async function basicAuth(scopes: LrsScope[] = ['all']) {
  const { key, secret } = await createLrsClient({ name: 'Course player', scopes })
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`
}

function query(params: Record<string, unknown>) {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.set(name, typeof value === 'string' ? value : JSON.stringify(value))
  }
  return search.toString()
}

interface Call {
  method?: string
  params?: Record<string, unknown>
  body?: BodyInit
  headers?: Record<string, string>
  auth?: string | null
  version?: string
  /** Send as this signed-in user instead of Basic auth. */
  userId?: string
}

let defaultAuth: Promise<string> | undefined

async function call(
  resource: Resource,
  { method = 'GET', params = {}, body, headers = {}, auth, version = '1.0.3', userId }: Call = {},
) {
  const path = `${PATHS.get(resource)}?${query(params)}`
  const allHeaders = new Headers(headers)
  if (version) allHeaders.set('X-Experience-API-Version', version)
  const init = { method, body, headers: allHeaders }
  let request: Request
  if (userId) {
    request = await signedInRequest(userId, path, init)
  } else {
    const authorization = auth === undefined ? await (defaultAuth ??= basicAuth()) : auth
    if (authorization) allHeaders.set('Authorization', authorization)
    request = new Request(`http://localhost${path}`, init)
  }
  const args = { request, params: {}, context: loadContext }
  return method === 'GET' || method === 'HEAD' ? resource.loader(args) : resource.action(args)
}

const putJson = (
  resource: Resource,
  params: Record<string, unknown>,
  value: unknown,
  headers: Record<string, string> = {},
  extra: Call = {},
) =>
  call(resource, {
    method: 'PUT',
    params,
    body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json', ...headers },
    ...extra,
  })
const postJson = (
  resource: Resource,
  params: Record<string, unknown>,
  value: unknown,
  headers: Record<string, string> = {},
) =>
  call(resource, {
    method: 'POST',
    params,
    body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json', ...headers },
  })

async function errorOf(response: Response) {
  expect(response.headers.get('Content-Type')).toBe('application/json')
  return { status: response.status, error: ((await response.json()) as { error: string }).error }
}

describe('the State resource', () => {
  test('stores a JSON document and returns it with its Content-Type, a quoted SHA-1 ETag and Last-Modified', async () => {
    const params = { activityId: newActivity(), agent: newAgent(), stateId: 'bookmark' }
    const body = JSON.stringify({ page: 3, answers: ['a', 'b'] })
    const put = await call(state, { method: 'PUT', params, body, headers: { 'Content-Type': 'application/json' } })
    expect(put.status).toBe(204)
    expect(put.headers.get('X-Experience-API-Version')).toBe('1.0.3')

    const got = await call(state, { params })
    expect(got.status).toBe(200)
    expect(got.headers.get('Content-Type')).toBe('application/json')
    expect(got.headers.get('ETag')).toBe(`"${sha1(body)}"`)
    expect(Date.parse(got.headers.get('Last-Modified') ?? '')).not.toBeNaN()
    expect(got.headers.get('X-Experience-API-Version')).toBe('1.0.3')
    expect(await got.text()).toBe(body)

    const head = await call(state, { method: 'HEAD', params })
    expect(head.status).toBe(200)
    expect(head.headers.get('ETag')).toBe(got.headers.get('ETag'))
    expect(await head.text()).toBe('')
  })

  test('keeps binary content byte for byte, and defaults the Content-Type to application/octet-stream', async () => {
    const bytes = randomBytes(2048)
    const params = { activityId: newActivity(), agent: newAgent(), stateId: 'blob' }
    expect((await call(state, { method: 'PUT', params, body: bytes })).status).toBe(204)
    const got = await call(state, { params })
    expect(got.headers.get('Content-Type')).toBe('application/octet-stream')
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true)
    expect(got.headers.get('ETag')).toBe(`"${sha1(bytes)}"`)

    const png = randomBytes(300)
    const pngParams = { ...params, stateId: 'picture' }
    await call(state, { method: 'PUT', params: pngParams, body: png, headers: { 'Content-Type': 'image/png' } })
    const picture = await call(state, { params: pngParams })
    expect(picture.headers.get('Content-Type')).toBe('image/png')
    expect(Buffer.from(await picture.arrayBuffer()).equals(png)).toBe(true)
  })

  test('POST merges top-level properties into a JSON document, or stores it when there is none', async () => {
    const params = { activityId: newActivity(), agent: newAgent(), stateId: 'progress' }
    expect((await postJson(state, params, { car: { make: 'Ford' }, driver: 'Dale' })).status).toBe(204)
    expect((await postJson(state, params, { car: { model: 'Ram' }, series: 'cup' })).status).toBe(204)
    expect(await (await call(state, { params })).json()).toEqual({
      car: { model: 'Ram' },
      driver: 'Dale',
      series: 'cup',
    })
  })

  test('POST answers 400 and changes nothing when either document is not a JSON object', async () => {
    const params = { activityId: newActivity(), agent: newAgent(), stateId: 'notes' }
    await call(state, { method: 'PUT', params, body: 'free text', headers: { 'Content-Type': 'text/plain' } })
    const ontoText = await postJson(state, params, { a: 1 })
    expect((await errorOf(ontoText)).status).toBe(400)
    expect(await (await call(state, { params })).text()).toBe('free text')

    const jsonParams = { ...params, stateId: 'json' }
    await postJson(state, jsonParams, { a: 1 })
    const textAndBrokenJson = [
      { body: 'abcdefg', contentType: 'not/json' },
      { body: '{"a": 2', contentType: 'application/json' },
    ]
    for (const { body, contentType } of textAndBrokenJson) {
      const response = await call(state, {
        method: 'POST',
        params: jsonParams,
        body,
        headers: { 'Content-Type': contentType },
      })
      expect(response.status, body).toBe(400)
    }
    expect(await (await call(state, { params: jsonParams })).json()).toEqual({ a: 1 })
  })

  test('keeps states apart by registration', async () => {
    const context = { activityId: newActivity(), agent: newAgent() }
    const registration = randomUUID()
    await putJson(state, { ...context, stateId: 's' }, { where: 'no registration' })
    await putJson(state, { ...context, stateId: 's', registration }, { where: 'registration' })
    expect(await (await call(state, { params: { ...context, stateId: 's' } })).json()).toEqual({
      where: 'no registration',
    })
    expect(
      await (
        await call(state, { params: { ...context, stateId: 's', registration: registration.toUpperCase() } })
      ).json(),
    ).toEqual({
      where: 'registration',
    })
    expect(await (await call(state, { params: { ...context, registration } })).json()).toEqual(['s'])
  })

  test('lists state ids, only those changed after `since`, and deletes one or all of them', async () => {
    const context = { activityId: newActivity(), agent: newAgent() }
    const registration = randomUUID()
    await putJson(state, { ...context, stateId: 'first' }, { n: 1 })
    await new Promise((resolve) => setTimeout(resolve, 10))
    const since = new Date().toISOString()
    await new Promise((resolve) => setTimeout(resolve, 10))
    await putJson(state, { ...context, stateId: 'second', registration }, { n: 2 })
    await putJson(state, { ...context, stateId: 'third' }, { n: 3 })

    const all = await call(state, { params: context })
    expect(all.status).toBe(200)
    expect(await all.json()).toEqual(['first', 'second', 'third'])
    expect(Date.parse(all.headers.get('Last-Modified') ?? '')).not.toBeNaN()
    expect(await (await call(state, { params: { ...context, since } })).json()).toEqual(['second', 'third'])
    expect((await call(state, { params: { ...context, since: 'yesterday' } })).status).toBe(400)

    expect((await call(state, { method: 'DELETE', params: { ...context, stateId: 'first' } })).status).toBe(204)
    expect((await call(state, { params: { ...context, stateId: 'first' } })).status).toBe(404)
    expect((await call(state, { method: 'DELETE', params: { ...context, registration } })).status).toBe(204)
    expect(await (await call(state, { params: context })).json()).toEqual(['third'])
    expect((await call(state, { method: 'DELETE', params: context })).status).toBe(204)
    expect(await (await call(state, { params: context })).json()).toEqual([])
  })

  test('lets xAPI 1.0.3 replace a state without a precondition, but asks xAPI 2.0 for one', async () => {
    const params = { activityId: newActivity(), agent: newAgent(), stateId: 'replace' }
    await putJson(state, params, { v: 1 })
    expect((await putJson(state, params, { v: 2 })).status).toBe(204)
    expect((await putJson(state, params, { v: 3 }, {}, { version: '2.0.0' })).status).toBe(409)
    const etag = (await call(state, { params })).headers.get('ETag') ?? ''
    expect((await putJson(state, params, { v: 3 }, { 'If-Match': etag }, { version: '2.0.0' })).status).toBe(204)
    expect((await putJson(state, params, { v: 4 }, { 'If-Match': etag })).status).toBe(412)
    expect(await (await call(state, { params })).json()).toEqual({ v: 3 })
  })

  test('names the parameter that is missing or malformed', async () => {
    const good = { activityId: newActivity(), agent: newAgent(), stateId: 's' }
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good, activityId: undefined }, /activityId/],
      [{ ...good, activityId: 'not an iri' }, /activityId/],
      [{ ...good, agent: undefined }, /agent/],
      [{ ...good, agent: '{"mbox": ' }, /agent/],
      [{ ...good, agent: { objectType: 'Agent', mbox: 'not-a-mailto' } }, /agent/],
      [{ ...good, registration: 'not-a-uuid' }, /registration/],
      [{ ...good, stateId: undefined }, /stateId/],
      [{ ...good, colour: 'blue' }, /colour/],
    ]
    for (const [params, named] of cases) {
      const result = await errorOf(await putJson(state, params, { a: 1 }))
      expect(result.status, JSON.stringify(params)).toBe(400)
      expect(result.error).toMatch(named)
    }
    const badAgentOnGet = await errorOf(await call(state, { params: { ...good, agent: 'true' } }))
    expect(badAgentOnGet).toMatchObject({ status: 400, error: expect.stringMatching(/agent/) })
    expect((await call(state, { params: good, version: '' })).status).toBe(400)
  })
})

describe('the profile resources', () => {
  test('PUT needs If-None-Match or If-Match once a profile exists (409 names them), and 412 when they do not hold', async () => {
    for (const [resource, params] of [
      [activityProfile, { activityId: newActivity(), profileId: 'settings' }],
      [agentProfile, { agent: newAgent(), profileId: 'settings' }],
    ] as const) {
      expect((await putJson(resource, params, { v: 1 }, { 'If-None-Match': '*' })).status).toBe(204)
      expect((await putJson(resource, params, { v: 2 }, { 'If-None-Match': '*' })).status).toBe(412)

      const blind = await errorOf(await putJson(resource, params, { v: 2 }))
      expect(blind.status).toBe(409)
      expect(blind.error).toMatch(/If-Match/)

      const stale = await errorOf(await putJson(resource, params, { v: 2 }, { 'If-Match': `"${'1'.repeat(40)}"` }))
      expect(stale.status).toBe(412)
      expect(await (await call(resource, { params })).json()).toEqual({ v: 1 })

      const etag = (await call(resource, { params })).headers.get('ETag') ?? ''
      expect(etag).toBe(`"${sha1(JSON.stringify({ v: 1 }))}"`)
      expect((await putJson(resource, params, { v: 2 }, { 'If-Match': etag })).status).toBe(204)
      expect(await (await call(resource, { params })).json()).toEqual({ v: 2 })
    }
  })

  test('of two simultaneous PUTs with the same If-Match, exactly one succeeds', async () => {
    const params = { activityId: newActivity(), profileId: 'race' }
    await putJson(activityProfile, params, { v: 0 }, { 'If-None-Match': '*' })
    const etag = (await call(activityProfile, { params })).headers.get('ETag') ?? ''
    const [a, b] = await Promise.all([
      putJson(activityProfile, params, { v: 'a' }, { 'If-Match': etag }),
      putJson(activityProfile, params, { v: 'b' }, { 'If-Match': etag }),
    ])
    expect([a?.status, b?.status].sort()).toEqual([204, 412])
    const winner = a?.status === 204 ? 'a' : 'b'
    expect(await (await call(activityProfile, { params })).json()).toEqual({ v: winner })
  })

  test('POST merges profiles, honours If-Match, and DELETE removes one (If-Match checked when sent)', async () => {
    const params = { agent: newAgent(), profileId: 'prefs' }
    expect((await postJson(agentProfile, params, { theme: 'dark' })).status).toBe(204)
    expect((await postJson(agentProfile, params, { size: 'large' }, { 'If-Match': '"1234"' })).status).toBe(412)
    const etag = (await call(agentProfile, { params })).headers.get('ETag') ?? ''
    expect((await postJson(agentProfile, params, { size: 'large' }, { 'If-Match': etag })).status).toBe(204)
    expect(await (await call(agentProfile, { params })).json()).toEqual({ theme: 'dark', size: 'large' })

    expect((await call(agentProfile, { method: 'DELETE', params, headers: { 'If-Match': etag } })).status).toBe(412)
    expect((await call(agentProfile, { method: 'DELETE', params })).status).toBe(204)
    expect((await call(agentProfile, { params })).status).toBe(404)
  })

  test('lists profile ids with since, and needs profileId to write', async () => {
    const activityId = newActivity()
    await putJson(activityProfile, { activityId, profileId: 'old' }, {}, { 'If-None-Match': '*' })
    await new Promise((resolve) => setTimeout(resolve, 10))
    const since = new Date().toISOString()
    await new Promise((resolve) => setTimeout(resolve, 10))
    await putJson(activityProfile, { activityId, profileId: 'new' }, {}, { 'If-None-Match': '*' })
    expect(await (await call(activityProfile, { params: { activityId } })).json()).toEqual(['new', 'old'])
    expect(await (await call(activityProfile, { params: { activityId, since } })).json()).toEqual(['new'])

    const missing = await errorOf(await call(activityProfile, { method: 'DELETE', params: { activityId } }))
    expect(missing).toEqual({ status: 400, error: 'the profileId parameter is required' })
    const noAgent = await errorOf(await call(agentProfile, { params: { profileId: 'x' } }))
    expect(noAgent).toEqual({ status: 400, error: 'the agent parameter is required' })
    const group = { objectType: 'Group', mbox: 'mailto:team@example.test' }
    expect((await call(agentProfile, { params: { agent: group } })).status).toBe(400)
  })
})

describe('who may use the document resources', () => {
  test('asks for credentials', async () => {
    const params = { activityId: newActivity(), agent: newAgent(), stateId: 's' }
    expect((await errorOf(await call(state, { params, auth: null }))).status).toBe(401)
    expect((await call(state, { params, auth: 'Basic bm9ib2R5Om5vdGhpbmc=' })).status).toBe(401)
  })

  test('needs the state or profile scope (all/read may only read)', async () => {
    const stateParams = { activityId: newActivity(), agent: newAgent(), stateId: 's' }
    const profileParams = { activityId: newActivity(), profileId: 'p' }
    const statementsOnly = await basicAuth(['statements/write'])
    const stateOnly = await basicAuth(['state'])
    const readOnly = await basicAuth(['all/read'])

    const refused = await errorOf(await putJson(state, stateParams, {}, {}, { auth: statementsOnly }))
    expect(refused).toEqual({ status: 403, error: 'this LRS client needs the state scope' })
    expect((await putJson(state, stateParams, { a: 1 }, {}, { auth: stateOnly })).status).toBe(204)
    expect(
      (await putJson(activityProfile, profileParams, {}, { 'If-None-Match': '*' }, { auth: stateOnly })).status,
    ).toBe(403)

    expect((await call(state, { params: stateParams, auth: readOnly })).status).toBe(200)
    expect((await putJson(state, stateParams, { a: 2 }, {}, { auth: readOnly })).status).toBe(403)
  })

  test('lets a learner keep their own state and agent profile, never anyone else’s, and only read activity profiles', async () => {
    const user = await createUser()
    const self = learnerAgent({ publicUrl, user })
    const activityId = newActivity()

    const own = { activityId, agent: self, stateId: 'resume' }
    expect((await putJson(state, own, { screen: 2 }, {}, { userId: user.id })).status).toBe(204)
    expect(await (await call(state, { params: own, userId: user.id })).json()).toEqual({ screen: 2 })
    expect(
      (await putJson(agentProfile, { agent: self, profileId: 'p' }, {}, { 'If-None-Match': '*' }, { userId: user.id }))
        .status,
    ).toBe(204)

    const someoneElse = { activityId, agent: newAgent(), stateId: 'resume' }
    const write = await errorOf(await putJson(state, someoneElse, { screen: 9 }, {}, { userId: user.id }))
    expect(write.status).toBe(403)
    expect((await call(state, { params: someoneElse, userId: user.id })).status).toBe(403)
    expect((await call(agentProfile, { params: { agent: newAgent() }, userId: user.id })).status).toBe(403)

    const profile = { activityId, profileId: 'course' }
    await putJson(activityProfile, profile, { title: 'Phishing' }, { 'If-None-Match': '*' })
    expect(await (await call(activityProfile, { params: profile, userId: user.id })).json()).toEqual({
      title: 'Phishing',
    })
    expect((await putJson(activityProfile, profile, {}, { 'If-None-Match': '*' }, { userId: user.id })).status).toBe(
      403,
    )
  })
})

describe('what the conformance suite asks beyond the basics', () => {
  test('a document sent as application/json must be JSON', async () => {
    const params = { activityId: newActivity(), profileId: 'broken' }
    const response = await call(activityProfile, {
      method: 'PUT',
      params,
      body: '{ not json',
      headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' },
    })
    expect(await errorOf(response)).toEqual({
      status: 400,
      error: 'the document is sent as application/json but is not valid JSON',
    })
  })

  test('under 1.0.3 a new profile is created with PUT only with a precondition header', async () => {
    const params = { activityId: newActivity(), profileId: 'new' }
    const blind = await putJson(activityProfile, params, { a: 1 })
    expect(blind.status).toBe(400)
    const guarded = await putJson(activityProfile, params, { a: 1 }, { 'If-None-Match': '*' })
    expect(guarded.status).toBe(204)
  })
})
