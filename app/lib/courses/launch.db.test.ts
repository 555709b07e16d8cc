import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'
import { readDocument } from '#app/lib/xapi/store/documents.server.ts'
import * as fetchRoute from '#app/routes/course-fetch.$token.ts'
import * as stateRoute from '#app/routes/xapi.activities.state.ts'
import * as statementsRoute from '#app/routes/xapi.statements.ts'
import { type TestAu, createCourse } from '#tests/courses.ts'
import { createUser } from '#tests/factories.ts'
import { loadContext } from '#tests/requests.ts'
import { xapiRequest } from '#tests/xapi.ts'
import { authorityTrust } from '#app/lib/learning/projections/projection-rules.ts'
import { rebuildCourseProgress } from './au-progress.server.ts'
import { contentAuthority } from './au-sessions.server.ts'
import { cmi5Category, cmi5Extensions, cmi5Verbs, moveOnCategory, platformObjectId } from './cmi5-vocabulary.ts'
import { launchAu } from './launch.server.ts'

type Json = Record<string, unknown>

async function launched(aus: TestAu[] = [{ masteryScore: 0.8, blockIds: ['https://courses.example.test/block'] }]) {
  const user = await createUser()
  const { course, aus: rows } = await createCourse({ aus })
  const launch = (index = 0) =>
    launchAu({
      userId: user.id,
      courseRowId: course.id,
      auRowId: rows[index]!.id,
      returnUrl: `${publicUrl}/courses/test`,
    })
  return { user, course, aus: rows, launch }
}

function launchParams(url: string) {
  const params = new URL(url).searchParams
  return {
    endpoint: params.get('endpoint') ?? '',
    fetch: params.get('fetch') ?? '',
    actor: JSON.parse(params.get('actor') ?? 'null') as Json,
    registration: params.get('registration') ?? '',
    activityId: params.get('activityId') ?? '',
  }
}

async function fetchToken(fetchUrl: string, method = 'POST') {
  const token = fetchUrl.split('/course-fetch/')[1] ?? ''
  const request = new Request(`http://localhost/course-fetch/${token}`, { method, headers: { Origin: 'null' } })
  const response = (await fetchRoute.action({ request, params: { token }, context: loadContext })) as Response
  return {
    status: response.status,
    body: (await response.json()) as Json,
    cors: response.headers.get('Access-Control-Allow-Origin'),
  }
}

/** Plays the part of the launched AU: fetches its credentials and sends statements with the context template. */
async function asAu(url: string) {
  const params = launchParams(url)
  const { body } = await fetchToken(params.fetch)
  const authorization = `Basic ${String(body['auth-token'])}`
  const state = await readDocument({
    key: {
      kind: 'state',
      activityId: params.activityId,
      agentKey: agentKey(params.actor as Parameters<typeof agentKey>[0]),
      registration: params.registration,
      documentId: 'LMS.LaunchData',
    },
  })
  const launchData = JSON.parse(String(state?.content)) as Json
  const template = launchData.contextTemplate as { contextActivities: Json; extensions: Json }
  const sessionId = String(template.extensions[cmi5Extensions.sessionId])
  const statement = (verb: keyof typeof cmi5Verbs, { result, masteryScore, ...extra }: Json = {}): Json => {
    const categories = [
      cmi5Category,
      ...(result && ('success' in (result as Json) || 'completion' in (result as Json)) ? [moveOnCategory] : []),
    ]
    return {
      id: randomUUID(),
      actor: params.actor,
      verb: { id: cmi5Verbs[verb] },
      object: { objectType: 'Activity', id: params.activityId },
      ...(result ? { result } : {}),
      context: {
        registration: params.registration,
        contextActivities: { ...template.contextActivities, category: categories },
        extensions: {
          ...template.extensions,
          ...(masteryScore === undefined ? {} : { [cmi5Extensions.masteryScore]: masteryScore }),
        },
      },
      timestamp: new Date().toISOString(),
      ...extra,
    }
  }
  const post = async (body: Json | Json[], auth = authorization) => {
    const response = await statementsRoute.action({
      request: xapiRequest('/xapi/statements', { method: 'POST', body, authorization: auth, version: '1.0.3' }),
      params: {},
      context: loadContext,
    })
    return { status: response.status, body: (await response.json()) as unknown }
  }
  return { params, authorization, launchData, sessionId, statement, post }
}

const passedResult = (scaled: number) => ({ success: true, duration: 'PT20S', score: { scaled } })
const completedResult = { completion: true, duration: 'PT30S' }

async function statementsOf(registration: string) {
  const { xapiStatements } = schema()
  const rows = await db()
    .select({ statement: xapiStatements.statement })
    .from(xapiStatements)
    .where(eq(xapiStatements.registration, registration))
    .orderBy(xapiStatements.seq)
  return rows.map((row) => row.statement as Json)
}
const verbsOf = (statements: Json[]) =>
  statements.map((s) =>
    String((s.verb as Json).id)
      .split('/')
      .at(-1),
  )

async function progressOf(registration: string) {
  const { courseAuProgress, courseRegistrations } = schema()
  const progress = await db().select().from(courseAuProgress).where(eq(courseAuProgress.registration, registration))
  const [row] = await db().select().from(courseRegistrations).where(eq(courseRegistrations.registration, registration))
  return { progress, satisfiedAt: row?.satisfiedAt ?? null }
}

describe('launching an AU', () => {
  test('writes LMS.LaunchData and the launched statement, and the URL carries the five launch parameters', async () => {
    const { user, aus, launch } = await launched([{ masteryScore: 0.8, url: 'au/start.html?lang=en' }])
    const { url, launchMethod } = await launch()
    expect(launchMethod).toBe('AnyWindow')
    expect(url.startsWith(`${publicUrl}/course-files/`)).toBe(true)
    expect(new URL(url).searchParams.get('lang')).toBe('en')
    const params = launchParams(url)
    expect(params.endpoint).toBe(`${publicUrl}/xapi/`)
    expect(params.fetch).toMatch(new RegExp(`^${publicUrl}/course-fetch/`))
    expect(params.actor).toEqual(learnerAgent({ publicUrl, user }))
    expect(params.registration).toMatch(/^[0-9a-f-]{36}$/)
    expect(params.activityId).toBe(aus[0]!.activityId)
    expect(params.activityId).not.toBe(aus[0]!.auId)

    const au = await asAu(url)
    expect(au.launchData).toMatchObject({
      launchMode: 'Normal',
      moveOn: 'CompletedAndPassed',
      masteryScore: 0.8,
      returnURL: `${publicUrl}/courses/test`,
      contextTemplate: { contextActivities: { grouping: [{ id: aus[0]!.auId }] } },
    })
    const [statement] = await statementsOf(params.registration)
    expect(statement).toMatchObject({
      verb: { id: cmi5Verbs.launched },
      object: { id: aus[0]!.activityId },
      authority: appAuthority({ publicUrl }),
      context: {
        registration: params.registration,
        contextActivities: { category: [cmi5Category], grouping: [{ id: aus[0]!.auId }] },
        extensions: {
          [cmi5Extensions.sessionId]: au.sessionId,
          [cmi5Extensions.launchMode]: 'Normal',
          [cmi5Extensions.moveOn]: 'CompletedAndPassed',
          [cmi5Extensions.masteryScore]: 0.8,
          [cmi5Extensions.launchUrl]: url.split('?')[0] + '?lang=en',
        },
      },
    })
    // Launching again keeps the one registration for the learner and course.
    expect(launchParams((await launch()).url).registration).toBe(params.registration)
  })

  test('the fetch address gives the token once; later calls get error 1, unknown ones error 2', async () => {
    const { launch } = await launched()
    const { fetch } = launchParams((await launch()).url)
    const first = await fetchToken(fetch)
    expect(first.status).toBe(200)
    expect(first.cors).toBe('*')
    expect(Buffer.from(String(first.body['auth-token']), 'base64').toString()).toMatch(/^cmi5-[0-9a-f]+:.+/)
    const second = await fetchToken(fetch)
    expect(second).toMatchObject({ status: 200, body: { 'error-code': '1' } })
    expect(second.body['auth-token']).toBeUndefined()
    expect((await fetchToken(`${publicUrl}/course-fetch/not-a-token`)).body['error-code']).toBe('2')
  })

  test('two fetches at once: exactly one gets the token', async () => {
    const { launch } = await launched()
    const { fetch } = launchParams((await launch()).url)
    const answers = await Promise.all([fetchToken(fetch), fetchToken(fetch), fetchToken(fetch)])
    expect(answers.filter((answer) => answer.body['auth-token']).length).toBe(1)
  })
})

describe("the AU's credentials", () => {
  test('write only for the learner and registration of the launch, and read nobody else', async () => {
    const { launch } = await launched()
    const au = await asAu((await launch()).url)
    expect((await au.post(au.statement('initialized'))).status).toBe(200)
    const [stored] = (await statementsOf(au.params.registration)).slice(-1)
    // What content writes is recorded under an authority the learning projections never trust for evidence.
    expect(stored?.authority).toEqual(contentAuthority())
    expect(authorityTrust(contentAuthority(), { publicUrl })).toEqual({ trusted: false })
    const other = await createUser()
    const forOther = au.statement('completed', {
      actor: learnerAgent({ publicUrl, user: other }),
      result: completedResult,
    })
    expect((await au.post(forOther)).status).toBe(403)
    const otherRegistration = au.statement('completed', { result: completedResult })
    ;(otherRegistration.context as Json).registration = randomUUID()
    expect((await au.post(otherRegistration)).status).toBe(403)

    const read = async (query: string) =>
      statementsRoute.loader({
        request: xapiRequest(`/xapi/statements?${query}`, { authorization: au.authorization }),
        params: {},
        context: loadContext,
      })
    const someoneElse = encodeURIComponent(JSON.stringify(learnerAgent({ publicUrl, user: other })))
    expect((await read(`agent=${someoneElse}`)).status).toBe(403)
    const own = (await (await read('')).json()) as { statements: Json[] }
    expect(own.statements.length).toBeGreaterThan(0)
    expect(own.statements.every((s) => (s.context as Json).registration === au.params.registration)).toBe(true)

    const state = (stateId: string, method = 'PUT') =>
      stateRoute.action({
        request: xapiRequest(
          `/xapi/activities/state?${new URLSearchParams({
            activityId: au.params.activityId,
            agent: JSON.stringify(au.params.actor),
            registration: au.params.registration,
            stateId,
          })}`,
          { method, body: { bookmark: 1 }, authorization: au.authorization },
        ),
        params: {},
        context: loadContext,
      })
    expect((await state('LMS.LaunchData')).status).toBe(403)
    expect((await state('bookmark')).status).toBe(204)
    expect((await state('LMS.LaunchData', 'DELETE')).status).toBe(403)
  })

  test('cmi5 rules: initialized first, scores against the mastery score, each verb once, nothing after terminated', async () => {
    const { launch } = await launched()
    const au = await asAu((await launch()).url)
    const refused = async (body: Json) => {
      const { status, body: answer } = await au.post(body)
      expect(status).toBe(403)
      return String((answer as Json).error)
    }
    expect(await refused(au.statement('completed', { result: completedResult }))).toMatch(/first statement/)
    expect((await au.post(au.statement('initialized'))).status).toBe(200)
    expect(await refused(au.statement('initialized'))).toMatch(/only once/)
    expect(await refused(au.statement('passed', { result: passedResult(0.5), masteryScore: 0.8 }))).toMatch(
      /mastery score/,
    )
    expect(await refused(au.statement('passed', { result: passedResult(0.9) }))).toMatch(/masteryscore/)
    expect(await refused(au.statement('completed', { result: { completion: true } }))).toMatch(/duration/)
    expect(await refused(au.statement('satisfied'))).toMatch(/for the LMS/)
    const wrongSession = au.statement('completed', { result: completedResult })
    ;((wrongSession.context as Json).extensions as Json)[cmi5Extensions.sessionId] = randomUUID()
    expect(await refused(wrongSession)).toMatch(/session id/)
    const voiding = au.statement('initialized', {
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: randomUUID() },
    })
    expect(await refused(voiding)).toMatch(/void/)
    expect((await au.post(au.statement('completed', { result: completedResult }))).status).toBe(200)
    expect((await au.post(au.statement('terminated', { result: { duration: 'PT1M' } }))).status).toBe(200)
    expect(await refused(au.statement('terminated', { result: { duration: 'PT1M' } }))).toMatch(/ended/)
  })

  test('a cmi5-allowed statement (no cmi5 category) is accepted inside the session', async () => {
    const { launch } = await launched()
    const au = await asAu((await launch()).url)
    await au.post(au.statement('initialized'))
    const allowed = au.statement('initialized', { verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } })
    ;((allowed.context as Json).contextActivities as Json).category = []
    expect((await au.post(allowed)).status).toBe(200)
  })
})

describe('moveOn and satisfied', () => {
  test('initialized, passed, completed, terminated: satisfied for the block and the course, with the session id', async () => {
    const { aus, course, launch } = await launched()
    const au = await asAu((await launch()).url)
    for (const statement of [
      au.statement('initialized'),
      au.statement('passed', { result: passedResult(0.9), masteryScore: 0.8 }),
      au.statement('completed', { result: completedResult }),
      au.statement('terminated', { result: { duration: 'PT1M' } }),
    ])
      expect((await au.post(statement)).status).toBe(200)
    const statements = await statementsOf(au.params.registration)
    expect(verbsOf(statements)).toEqual([
      'launched',
      'initialized',
      'passed',
      'completed',
      'satisfied',
      'satisfied',
      'terminated',
    ])
    const satisfied = statements.filter((s) => (s.verb as Json).id === cmi5Verbs.satisfied)
    // The platform's own ids for the block and the course (cmi5 9.4), never the publisher's.
    expect(satisfied.map((s) => (s.object as Json).id)).toEqual([
      platformObjectId(xapiActivityBase, 'block', aus[0]!.blockIds[0]!),
      platformObjectId(xapiActivityBase, 'course', course.courseId),
    ])
    expect(satisfied[1]).toMatchObject({
      authority: appAuthority({ publicUrl }),
      object: { definition: { type: 'https://w3id.org/xapi/cmi5/activitytype/course' } },
      context: {
        registration: au.params.registration,
        contextActivities: { category: [cmi5Category] },
        extensions: { [cmi5Extensions.sessionId]: au.sessionId },
      },
    })
    const { progress, satisfiedAt } = await progressOf(au.params.registration)
    expect(satisfiedAt).not.toBeNull()
    expect(progress[0]).toMatchObject({
      completedAt: expect.any(Date),
      passedAt: expect.any(Date),
      satisfiedAt: expect.any(Date),
    })
    const { courseSessions } = schema()
    const [session] = await db().select().from(courseSessions).where(eq(courseSessions.id, au.sessionId))
    expect(session?.terminatedAt).not.toBeNull()
  })

  test.each([
    ['Completed', ['completed'], true],
    ['Completed', ['passed'], false],
    ['Passed', ['passed'], true],
    ['CompletedOrPassed', ['passed'], true],
    ['CompletedAndPassed', ['completed'], false],
  ] as const)('moveOn %s after %j: course satisfied %s', async (moveOn, verbs, satisfies) => {
    const { launch } = await launched([{ moveOn }])
    const au = await asAu((await launch()).url)
    await au.post(au.statement('initialized'))
    for (const verb of verbs)
      expect(
        (
          await au.post(
            au.statement(verb, { result: verb === 'passed' ? { success: true, duration: 'PT1S' } : completedResult }),
          )
        ).status,
      ).toBe(200)
    expect((await progressOf(au.params.registration)).satisfiedAt !== null).toBe(satisfies)
  })

  test('NotApplicable units are met at registration; the course is satisfied when the others are', async () => {
    const { launch, course } = await launched([{ moveOn: 'NotApplicable' }, { moveOn: 'Completed' }])
    const first = launchParams((await launch(0)).url)
    expect((await progressOf(first.registration)).satisfiedAt).toBeNull()
    const au = await asAu((await launch(1)).url)
    await au.post(au.statement('initialized'))
    await au.post(au.statement('completed', { result: completedResult }))
    const satisfied = (await statementsOf(au.params.registration)).filter(
      (s) => (s.verb as Json).id === cmi5Verbs.satisfied,
    )
    expect(satisfied.map((s) => (s.object as Json).id)).toEqual([
      platformObjectId(xapiActivityBase, 'course', course.courseId),
    ])
  })

  test('relaunching abandons the open session, with a duration, and its credentials stop working', async () => {
    const { launch } = await launched()
    const first = await asAu((await launch()).url)
    await first.post(first.statement('initialized'))
    const second = await asAu((await launch()).url)
    const abandoned = (await statementsOf(first.params.registration)).filter(
      (s) => (s.verb as Json).id === cmi5Verbs.abandoned,
    )
    expect(abandoned).toHaveLength(1)
    expect(abandoned[0]).toMatchObject({
      authority: appAuthority({ publicUrl }),
      result: { duration: expect.stringMatching(/^PT\d+\.\d\dS$/) },
      context: { extensions: { [cmi5Extensions.sessionId]: first.sessionId } },
    })
    expect(second.sessionId).not.toBe(first.sessionId)
    expect((await first.post(first.statement('completed', { result: completedResult }))).status).toBe(403)
    expect((await second.post(second.statement('initialized'))).status).toBe(200)
  })

  test('rebuilding course progress gives the same rows and writes no statements', async () => {
    const { launch } = await launched([
      { moveOn: 'Completed', blockIds: ['https://courses.example.test/b'] },
      { moveOn: 'NotApplicable' },
    ])
    const au = await asAu((await launch()).url)
    await au.post(au.statement('initialized'))
    await au.post(au.statement('completed', { result: completedResult }))
    await au.post(au.statement('terminated', { result: { duration: 'PT1M' } }))
    const { courseAuProgress, courseRegistrations, xapiStatements } = schema()
    const snapshot = async () => ({
      progress: await db()
        .select()
        .from(courseAuProgress)
        .orderBy(courseAuProgress.registration, courseAuProgress.auRowId),
      registrations: await db().select().from(courseRegistrations).orderBy(courseRegistrations.registration),
      statements: (await db().select({ id: xapiStatements.id }).from(xapiStatements)).length,
    })
    const before = await snapshot()
    expect(before.progress.length).toBeGreaterThan(0)
    await rebuildCourseProgress()
    expect(await snapshot()).toEqual(before)
    const [registration] = await db()
      .select()
      .from(courseRegistrations)
      .where(and(eq(courseRegistrations.registration, au.params.registration)))
    expect(registration?.satisfiedAt).not.toBeNull()
  })
})
