import { describe, expect, test } from 'vitest'
import { createSession } from '#app/lib/auth/session.server.ts'
import { createUser } from '#tests/factories.ts'
import { createStatement } from '#tests/statements.ts'
import { createClientAuth, xapiRequest } from '#tests/xapi.ts'
import { action, loader } from './xapi.statements.ts'

const context = { clientIp: null, cspNonce: '' }
const call = async (request: Request) => {
  const method = request.method.toUpperCase()
  const handler = method === 'GET' || method === 'HEAD' ? loader : action
  const response = await handler({ request, params: {}, context })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null }
}
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided'

describe('the Statements resource', () => {
  test('POST stores a statement the LRS completes with id, timestamp, stored, authority and version', async () => {
    const { authorization } = await createClientAuth()
    const posted = await call(
      xapiRequest('/xapi/statements', { method: 'POST', body: createStatement(), authorization }),
    )
    expect(posted.status).toBe(200)
    expect(posted.headers.get('X-Experience-API-Version')).toBe('1.0.3')
    const [id] = posted.body as string[]
    const fetched = await call(xapiRequest(`/xapi/statements?statementId=${id}`, { authorization }))
    expect(fetched.status).toBe(200)
    const statement = fetched.body as Record<string, unknown>
    expect(statement).toMatchObject({ id, version: '1.0.0', authority: { objectType: 'Agent', name: 'Test client' } })
    expect(Date.parse(String(statement.stored))).not.toBeNaN()
    expect(statement.timestamp).toBe(statement.stored)
    expect(fetched.headers.get('Last-Modified')).toBeTruthy()
    expect(fetched.headers.get('X-Experience-API-Consistent-Through')).toBeTruthy()
  })

  test('the version header is required and must be 1.0.x or 2.0.0', async () => {
    const { authorization } = await createClientAuth()
    const missing = await call(xapiRequest('/xapi/statements', { authorization, version: null }))
    expect(missing).toMatchObject({ status: 400, body: { error: 'the X-Experience-API-Version header is required' } })
    const old = await call(xapiRequest('/xapi/statements', { authorization, version: '0.95' }))
    expect(old.status).toBe(400)
    const two = await call(xapiRequest('/xapi/statements', { authorization, version: '2.0.0' }))
    expect(two.status).toBe(200)
    expect(two.headers.get('X-Experience-API-Version')).toBe('2.0.0')
  })

  test('PUT with the same id and content is a no-op; different content is a conflict', async () => {
    const { authorization } = await createClientAuth()
    const id = '9f2c1d7e-4b8a-4c3e-9d1f-0a1b2c3d4e5f'
    const statement = createStatement()
    const put = (body: unknown) =>
      call(xapiRequest(`/xapi/statements?statementId=${id}`, { method: 'PUT', body, authorization }))
    expect((await put(statement)).status).toBe(204)
    expect((await put(statement)).status).toBe(204)
    const changed = await put({ ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' } })
    expect(changed.status).toBe(409)
    const mismatch = await put({ ...statement, id: '00000000-0000-4000-8000-000000000000' })
    expect(mismatch).toMatchObject({
      status: 400,
      body: { error: 'statement.id does not match the statementId parameter' },
    })
  })

  test('a batch is all or nothing', async () => {
    const { authorization } = await createClientAuth()
    const goodId = '11111111-1111-4111-8111-111111111111'
    const good = createStatement({ id: goodId })
    const bad = createStatement({ verb: { id: 'not an iri' } })
    const rejected = await call(xapiRequest('/xapi/statements', { method: 'POST', body: [good, bad], authorization }))
    expect(rejected.status).toBe(400)
    expect(JSON.stringify(rejected.body)).toContain('verb.id')
    const lookup = await call(xapiRequest(`/xapi/statements?statementId=${goodId}`, { authorization }))
    expect(lookup.status).toBe(404)
  })

  test('a voided statement is reachable only as voided, and a voiding statement cannot be voided', async () => {
    const { authorization } = await createClientAuth()
    const post = (body: unknown) => call(xapiRequest('/xapi/statements', { method: 'POST', body, authorization }))
    const target = createStatement()
    const [targetId] = (await post(target)).body as string[]
    const voiding = createStatement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: targetId } })
    const [voidingId] = (await post(voiding)).body as string[]
    if (!voidingId) throw new Error('voiding statement not stored')

    expect((await call(xapiRequest(`/xapi/statements?statementId=${targetId}`, { authorization }))).status).toBe(404)
    const asVoided = await call(xapiRequest(`/xapi/statements?voidedStatementId=${targetId}`, { authorization }))
    expect(asVoided).toMatchObject({ status: 200, body: { id: targetId } })
    // The voided statement is gone from queries; the voiding statement that refers to it matches instead.
    const list = await call(
      xapiRequest(`/xapi/statements?activity=${encodeURIComponent(target.object.id)}`, { authorization }),
    )
    expect((list.body as { statements: { id: string }[] }).statements.map((s) => s.id)).toEqual([voidingId])

    const again = await post(
      createStatement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voidingId } }),
    )
    expect(again.status).toBe(400)
  })

  test('queries filter by verb, activity, agent and registration, and page with more', async () => {
    const { authorization } = await createClientAuth()
    const registration = '2b6f0c0e-7d0a-4d4a-9a57-6a0f3e0b9c11'
    const actor = { objectType: 'Agent', mbox: 'mailto:filter.person@example.test' }
    const course = 'https://example.test/activities/course-1'
    const statements = [
      createStatement({ actor, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: course } }),
      createStatement({ actor, context: { registration, contextActivities: { parent: { id: course } } } }),
      createStatement({ actor, context: { registration } }),
      createStatement(),
    ]
    await call(xapiRequest('/xapi/statements', { method: 'POST', body: statements, authorization }))
    const query = async (params: string) =>
      (await call(xapiRequest(`/xapi/statements?${params}`, { authorization }))).body as {
        statements: { id: string }[]
        more: string
      }
    const agentParam = encodeURIComponent(JSON.stringify(actor))

    expect(
      (await query(`verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}`)).statements,
    ).toHaveLength(1)
    expect((await query(`activity=${encodeURIComponent(course)}`)).statements).toHaveLength(1)
    expect((await query(`activity=${encodeURIComponent(course)}&related_activities=true`)).statements).toHaveLength(2)
    expect((await query(`agent=${agentParam}`)).statements).toHaveLength(3)
    expect((await query(`agent=${agentParam}&registration=${registration}`)).statements).toHaveLength(2)

    const first = await query(`agent=${agentParam}&limit=2`)
    expect(first.statements).toHaveLength(2)
    expect(first.more).toMatch(/^\/xapi\/statements\?/)
    const second = (await call(xapiRequest(first.more, { authorization }))).body as {
      statements: { id: string }[]
      more: string
    }
    expect(second.statements).toHaveLength(1)
    expect(second.more).toBe('')
    const ids = [...first.statements, ...second.statements].map((s) => s.id)
    expect(new Set(ids).size).toBe(3)

    const unknown = await call(xapiRequest('/xapi/statements?colour=blue', { authorization }))
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: 'colour is not a parameter of the Statements resource' },
    })
  })

  test('format=ids reduces agents, verbs and activities to their identifiers', async () => {
    const { authorization } = await createClientAuth()
    const statement = createStatement({
      object: { id: 'https://example.test/activities/ids', definition: { name: { 'en-GB': 'Ids' } } },
    })
    const [id] = (await call(xapiRequest('/xapi/statements', { method: 'POST', body: statement, authorization })))
      .body as string[]
    const fetched = (await call(xapiRequest(`/xapi/statements?statementId=${id}&format=ids`, { authorization })))
      .body as Record<string, unknown>
    expect(fetched.actor).toEqual({ objectType: 'Agent', mbox: statement.actor.mbox })
    expect(fetched.verb).toEqual({ id: statement.verb.id })
    expect(fetched.object).toEqual({ id: 'https://example.test/activities/ids' })
  })

  test('clients need credentials and the right scope', async () => {
    expect((await call(xapiRequest('/xapi/statements'))).status).toBe(401)
    const wrong = `Basic ${Buffer.from('nobody:nothing').toString('base64')}`
    expect((await call(xapiRequest('/xapi/statements', { authorization: wrong }))).status).toBe(401)
    const { authorization: readOnly } = await createClientAuth(['statements/read'])
    const write = await call(
      xapiRequest('/xapi/statements', { method: 'POST', body: createStatement(), authorization: readOnly }),
    )
    expect(write.status).toBe(403)
  })

  test('a read/mine client sees only the statements it wrote', async () => {
    const mine = await createClientAuth(['statements/write', 'statements/read/mine'], 'Mine')
    const other = await createClientAuth(['statements/write'], 'Other')
    await call(
      xapiRequest('/xapi/statements', { method: 'POST', body: createStatement(), authorization: mine.authorization }),
    )
    const [theirs] = (
      await call(
        xapiRequest('/xapi/statements', {
          method: 'POST',
          body: createStatement(),
          authorization: other.authorization,
        }),
      )
    ).body as string[]
    const listed = (await call(xapiRequest('/xapi/statements', { authorization: mine.authorization }))).body as {
      statements: unknown[]
    }
    expect(listed.statements).toHaveLength(1)
    expect(
      (await call(xapiRequest(`/xapi/statements?statementId=${theirs}`, { authorization: mine.authorization }))).status,
    ).toBe(404)
  })

  test('a signed-in learner may record non-evidence statements about themselves only', async () => {
    const learner = await createUser()
    const { token } = await createSession({ userId: learner.id })
    const cookie = { Cookie: `session=${token}`, 'Sec-Fetch-Site': 'same-origin' }
    const self = { objectType: 'Agent', account: { homePage: 'http://localhost:3000', name: learner.id } }
    const post = (body: unknown) => call(xapiRequest('/xapi/statements', { method: 'POST', body, headers: cookie }))

    expect((await post(createStatement({ actor: self }))).status).toBe(200)
    const aboutSomeoneElse = await post(createStatement())
    expect(aboutSomeoneElse.status).toBe(403)
    const selfPass = await post(createStatement({ actor: self, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }))
    expect(selfPass.status).toBe(403)

    const crossSite = await call(
      xapiRequest('/xapi/statements', { headers: { ...cookie, 'Sec-Fetch-Site': 'cross-site' } }),
    )
    expect(crossSite.status).toBe(401)
    const mine = (await call(xapiRequest('/xapi/statements', { headers: cookie }))).body as {
      statements: { actor: unknown }[]
    }
    expect(mine.statements).toHaveLength(1)
    expect(mine.statements[0]?.actor).toMatchObject({ account: { name: learner.id } })
  })
})

describe('edge cases the conformance suite found', () => {
  test('a statement by an anonymous group is stored', async () => {
    const { authorization } = await createClientAuth()
    const actor = {
      objectType: 'Group',
      member: [{ mbox: 'mailto:one@example.test' }, { mbox: 'mailto:two@example.test' }],
    }
    const posted = await call(
      xapiRequest('/xapi/statements', { method: 'POST', body: createStatement({ actor }), authorization }),
    )
    expect(posted.status).toBe(200)
  })

  test('errors from GET still say how far the LRS is consistent', async () => {
    const { authorization } = await createClientAuth()
    const bad = await call(xapiRequest('/xapi/statements?statementId=not-a-uuid', { authorization }))
    expect(bad.status).toBe(400)
    expect(bad.headers.get('X-Experience-API-Consistent-Through')).toBeTruthy()
  })

  test('the alternate request syntax stands for the request it carries', async () => {
    const { authorization } = await createClientAuth()
    const statement = createStatement()
    const form = new URLSearchParams({
      Authorization: authorization,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
      content: JSON.stringify(statement),
    })
    const request = new Request('http://localhost/xapi/statements?method=POST', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    })
    const posted = await call(request)
    expect(posted.status).toBe(200)
    const [id] = posted.body as string[]
    const read = new URLSearchParams({
      Authorization: authorization,
      'X-Experience-API-Version': '1.0.3',
      statementId: String(id),
    })
    const fetched = await call(
      new Request('http://localhost/xapi/statements?method=GET', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: read,
      }),
    )
    expect(fetched).toMatchObject({ status: 200, body: { id } })
    const extra = await call(
      new Request('http://localhost/xapi/statements?method=GET&verb=x', { method: 'POST', body: read }),
    )
    expect(extra.status).toBe(400)
    // Real headers count too: only the parameters and content need be in the form.
    const withHeaders = await call(
      new Request('http://localhost/xapi/statements?method=GET', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: authorization,
          'X-Experience-API-Version': '1.0.3',
        },
        body: new URLSearchParams({ statementId: String(id) }),
      }),
    )
    expect(withHeaders).toMatchObject({ status: 200, body: { id } })
    // xAPI 2.0 dropped the alternate syntax.
    const under2 = await call(
      new Request('http://localhost/xapi/statements?method=GET', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: authorization,
          'X-Experience-API-Version': '2.0.0',
        },
        body: new URLSearchParams({ statementId: String(id) }),
      }),
    )
    expect(under2.status).toBe(400)
  })
})
