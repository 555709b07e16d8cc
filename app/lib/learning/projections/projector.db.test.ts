import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { appAuthority, browserAuthority, clientAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { createLrsClient } from '#app/lib/xapi/clients/lrs-clients.server.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { verbs } from '#app/lib/xapi/model/vocabulary.ts'
import { setMembership } from '#app/lib/org/memberships.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { createModuleStatement, createVoiding, learnerActor } from '#tests/statements.ts'
import { loadContext, signedInRequest } from '#tests/requests.ts'
import { action as checkAction } from '#app/routes/modules.$slug.check.tsx'
import { action as overviewAction } from '#app/routes/modules.$slug._index.tsx'
import { rebuildProjections } from './projector.server.ts'
import { selfRatingStatement } from './self-rating.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'
import { projectionSnapshot } from '#tests/projection-snapshot.ts'

type Json = Record<string, unknown>
const PHISHING = 'spotting-phishing' // SAFE.1 at level 1; SAFE.1 refreshes every 12 months
const CHAMPION = 'becoming-a-digital-champion' // LEARN.2 at level 2 and LEARN.1 at level 1; no refresh
const SAFETY_ESSENTIALS = 'digital-safety-essentials' // SAFE.1, SAFE.2 (12-month refresh) and SAFE.3 at level 1

const app = appAuthority({ publicUrl }) as unknown as Json
async function clientAuthorityFor({ trusted }: { trusted: boolean }): Promise<Json> {
  const { client } = await createLrsClient({
    name: trusted ? 'Trusted vendor' : 'Other vendor',
    scopes: ['all'],
    trustedForEvidence: trusted,
  })
  return clientAuthority({ publicUrl, client }) as unknown as Json
}

async function store(statements: Json[], authority: Json = app): Promise<string[]> {
  return storeStatements({ statements, authority, version: '1.0.3' })
}

async function evidenceOf(userId: string) {
  const { competencyEvidence } = schema()
  const rows = await db().select().from(competencyEvidence)
  return rows.filter((row) => row.userId === userId).sort((a, b) => a.competencyId.localeCompare(b.competencyId))
}

async function attemptOf(registration: string) {
  const rows = await db().select().from(schema().moduleAttempts)
  return rows.find((row) => row.registration === registration)
}

describe('module attempts and competency evidence', () => {
  test('a pass issued by the app gives evidence at the mapped level, expiring after refreshMonths', async () => {
    const userId = randomUUID()
    const registration = randomUUID()
    const at = new Date('2026-11-30T10:00:00Z')
    await store([
      createModuleStatement({
        userId,
        slug: PHISHING,
        verb: 'launched',
        registration,
        at: new Date('2026-11-30T09:50:00Z'),
      }),
    ])
    await store([createModuleStatement({ userId, slug: PHISHING, verb: 'passed', registration, scaled: 0.75, at })])

    const evidence = await evidenceOf(userId)
    expect(evidence).toMatchObject([{ competencyId: 'SAFE.1', level: 1, moduleSlug: PHISHING, achievedAt: at }])
    expect(evidence[0]?.expiresAt).toEqual(new Date('2027-11-30T10:00:00Z'))
    expect(await attemptOf(registration)).toMatchObject({
      userId,
      moduleSlug: PHISHING,
      status: 'passed',
      bestScaled: 0.75,
      contentVersion: 'v1',
      startedAt: new Date('2026-11-30T09:50:00Z'),
      updatedAt: at,
      completedAt: at,
    })
  })

  test('a pass that completes a domain opens a readiness period until its first evidence expires; voiding it closes the matter', async () => {
    const userId = randomUUID()
    const at = new Date('2026-10-01T08:00:00Z')
    const pass = createModuleStatement({
      userId,
      slug: SAFETY_ESSENTIALS,
      verb: 'passed',
      scaled: 1,
      at,
    })
    await store([pass])
    const periods = async () =>
      (await db().select().from(schema().readinessPeriods)).filter((row) => row.userId === userId)
    expect(await periods()).toEqual([
      { userId, domainId: 'SAFE', level: 1, readyFrom: at, readyUntil: new Date('2027-10-01T08:00:00Z') },
    ])
    await store([createVoiding(pass.id as string, { actor: learnerActor(userId) })])
    expect(await periods()).toEqual([])
  })

  test('every competency a module maps to gets its own evidence; no refreshMonths means no expiry', async () => {
    const userId = randomUUID()
    await store([createModuleStatement({ userId, slug: CHAMPION, verb: 'passed', scaled: 1 })])
    expect(
      (await evidenceOf(userId)).map(({ competencyId, level, expiresAt }) => ({ competencyId, level, expiresAt })),
    ).toEqual([
      { competencyId: 'LEARN.1', level: 1, expiresAt: null },
      { competencyId: 'LEARN.2', level: 2, expiresAt: null },
    ])
  })

  test("an untrusted client's pass records the attempt but gives no evidence; a trusted client's does", async () => {
    const untrustedUser = randomUUID()
    const registration = randomUUID()
    await store(
      [createModuleStatement({ userId: untrustedUser, slug: PHISHING, verb: 'passed', registration, scaled: 0.9 })],
      await clientAuthorityFor({ trusted: false }),
    )
    expect(await evidenceOf(untrustedUser)).toEqual([])
    expect((await attemptOf(registration))?.status).toBe('passed')

    const trustedUser = randomUUID()
    await store(
      [
        createModuleStatement({
          userId: trustedUser,
          slug: PHISHING,
          verb: 'passed',
          scaled: 0.9,
        }),
      ],
      await clientAuthorityFor({ trusted: true }),
    )
    expect(await evidenceOf(trustedUser)).toMatchObject([{ competencyId: 'SAFE.1', level: 1 }])
  })

  test("the browser's authority and other app accounts are not trusted for evidence", async () => {
    const userId = randomUUID()
    const pass = () => createModuleStatement({ userId, slug: PHISHING, verb: 'passed', scaled: 1 })
    await store([pass()], browserAuthority({ publicUrl }) as unknown as Json)
    await store([pass()], {
      objectType: 'Agent',
      account: { homePage: 'https://elsewhere.example', name: 'skills-platform' },
    })
    expect(await evidenceOf(userId)).toEqual([])
  })

  test('voiding the passing statement removes the evidence and recomputes the attempt', async () => {
    const userId = randomUUID()
    const registration = randomUUID()
    const launched = createModuleStatement({
      userId,
      slug: PHISHING,
      verb: 'launched',
      registration,
      at: new Date('2026-11-01T09:00:00Z'),
    })
    const passed = createModuleStatement({
      userId,
      slug: PHISHING,
      verb: 'passed',
      registration,
      scaled: 0.8,
      at: new Date('2026-11-01T09:30:00Z'),
    })
    const other = createModuleStatement({
      userId,
      slug: CHAMPION,
      verb: 'passed',
      scaled: 1,
    })
    await store([launched, passed, other])
    expect(await evidenceOf(userId)).toHaveLength(3)

    await store([createVoiding(passed.id as string, { actor: learnerActor(userId) })])
    expect((await evidenceOf(userId)).map((row) => row.competencyId)).toEqual(['LEARN.1', 'LEARN.2'])
    expect(await attemptOf(registration)).toMatchObject({
      status: 'in-progress',
      bestScaled: null,
      completedAt: null,
      updatedAt: new Date('2026-11-01T09:00:00Z'),
    })
  })

  test('failed attempts are failed, the best score is kept, and a later pass wins', async () => {
    const userId = randomUUID()
    const registration = randomUUID()
    await store([createModuleStatement({ userId, slug: PHISHING, verb: 'failed', registration, scaled: 0.5 })])
    await store([createModuleStatement({ userId, slug: PHISHING, verb: 'failed', registration, scaled: 0.25 })])
    expect(await attemptOf(registration)).toMatchObject({ status: 'failed', bestScaled: 0.5, completedAt: null })
    expect(await evidenceOf(userId)).toEqual([])

    await store([createModuleStatement({ userId, slug: PHISHING, verb: 'passed', registration, scaled: 0.75 })])
    await store([createModuleStatement({ userId, slug: PHISHING, verb: 'failed', registration, scaled: 0.5 })])
    expect(await attemptOf(registration)).toMatchObject({ status: 'passed', bestScaled: 0.75 })
  })

  test('sections seen counts distinct sections of the attempt', async () => {
    const userId = randomUUID()
    const registration = randomUUID()
    await store(
      [1, 2].map((section) =>
        createModuleStatement({ userId, slug: PHISHING, verb: 'experienced', registration, section }),
      ),
    )
    await store(
      [2, 3].map((section) =>
        createModuleStatement({ userId, slug: PHISHING, verb: 'experienced', registration, section }),
      ),
    )
    expect((await attemptOf(registration))?.sectionsSeen).toBe(3)
  })

  test("only this app's learners count, and a registration belongs to the learner who used it first", async () => {
    const registration = randomUUID()
    const first = randomUUID()
    await store([
      {
        ...createModuleStatement({ userId: first, slug: PHISHING, verb: 'passed', registration, scaled: 1 }),
        actor: { mbox: 'mailto:someone@example.test' },
      },
    ])
    expect(await attemptOf(registration)).toBeUndefined()
    await store([createModuleStatement({ userId: first, slug: PHISHING, verb: 'launched', registration })])
    await store([
      createModuleStatement({ userId: randomUUID(), slug: PHISHING, verb: 'passed', registration, scaled: 1 }),
    ])
    expect(await attemptOf(registration)).toMatchObject({ userId: first, status: 'in-progress' })
  })
})

test('voiding the statement that made a learner own a registration hands it on, as a rebuild would', async () => {
  const registration = randomUUID()
  const [a, b] = [randomUUID(), randomUUID()]
  const first = createModuleStatement({
    userId: a,
    slug: PHISHING,
    verb: 'launched',
    registration,
    at: new Date('2026-11-01T09:00:00Z'),
  })
  await store([first])
  await store([
    createModuleStatement({
      userId: b,
      slug: PHISHING,
      verb: 'passed',
      registration,
      scaled: 1,
      at: new Date('2026-11-01T09:10:00Z'),
    }),
  ])
  await store([
    createModuleStatement({
      userId: a,
      slug: PHISHING,
      verb: 'progressed',
      registration,
      at: new Date('2026-11-01T09:20:00Z'),
    }),
  ])
  expect(await attemptOf(registration)).toMatchObject({ userId: a })

  await store([createVoiding(first.id as string, { actor: learnerActor(a) })])
  expect(await attemptOf(registration)).toMatchObject({ userId: b, status: 'passed' })
  expect(await evidenceOf(b)).toHaveLength(1)
  const incremental = await projectionSnapshot()
  await rebuildProjections()
  expect(await projectionSnapshot()).toEqual(incremental)
})

test("passing a module's knowledge check in the player gives an attempt and evidence", async () => {
  const user = await createUser({ team: await createTeam() })
  const post = async (path: string, fields: Record<string, string> = {}) =>
    signedInRequest(user.id, path, { method: 'POST', body: new URLSearchParams(fields) })
  await overviewAction({
    request: await post(`/modules/${PHISHING}`),
    params: { slug: PHISHING },
    context: loadContext,
  })
  await checkAction({
    request: await post(`/modules/${PHISHING}/check`, {
      'q:urgent-mailbox': 'report',
      'q:check-link': 'hover',
      'q:clicked': 'tell-it',
      'q:nhsmail-report': '7726',
    }),
    params: { slug: PHISHING },
    context: loadContext,
  })
  const attempts = (await db().select().from(schema().moduleAttempts)).filter((row) => row.userId === user.id)
  expect(attempts).toMatchObject([{ moduleSlug: PHISHING, status: 'passed', bestScaled: 0.75 }])
  expect(attempts[0]?.contentVersion).toMatch(/^[0-9a-f]+$/)
  expect(await evidenceOf(user.id)).toMatchObject([{ competencyId: 'SAFE.1', level: 1, moduleSlug: PHISHING }])
})

test('storeStatements with project: false stores the statements but no projections, until a rebuild', async () => {
  const userId = randomUUID()
  const registration = randomUUID()
  const actor = learnerAgent({ publicUrl, user: { id: userId, name: 'Learner' } })
  const statements = [
    createModuleStatement({ userId, slug: PHISHING, verb: 'passed', registration, scaled: 1 }),
    selfRatingStatement({ publicUrl, activityBase: xapiActivityBase, actor, competencyId: 'SAFE.1', current: 2 }),
  ]
  const ids = await storeStatements({ statements, authority: app, version: '1.0.3', project: false })
  const { xapiStatements, selfRatings } = schema()
  expect((await db().select().from(xapiStatements)).filter((row) => ids.includes(row.id))).toHaveLength(2)
  const ratings = async () => (await db().select().from(selfRatings)).filter((row) => row.userId === userId)
  expect(await attemptOf(registration)).toBeUndefined()
  expect(await evidenceOf(userId)).toEqual([])
  expect(await ratings()).toEqual([])

  await rebuildProjections()
  expect(await attemptOf(registration)).toMatchObject({ userId, status: 'passed' })
  expect(await evidenceOf(userId)).toMatchObject([{ competencyId: 'SAFE.1', level: 1 }])
  expect(await ratings()).toMatchObject([{ competencyId: 'SAFE.1', current: 2 }])
})

describe('self-ratings', () => {
  test('the latest self-rating per competency counts, from any authority, and a void falls back to the one before', async () => {
    const userId = randomUUID()
    const actor = learnerAgent({ publicUrl, user: { id: userId, name: 'Learner' } })
    const rate = (current: number, target?: number) =>
      ({
        id: randomUUID(),
        ...selfRatingStatement({
          publicUrl,
          activityBase: xapiActivityBase,
          actor,
          competencyId: 'SAFE.1',
          current,
          target,
        }),
      }) as Json
    const first = rate(1, 3)
    const second = rate(2)
    await store([first], browserAuthority({ publicUrl }) as unknown as Json)
    await store([second], browserAuthority({ publicUrl }) as unknown as Json)
    const ratings = async () => (await db().select().from(schema().selfRatings)).filter((row) => row.userId === userId)
    expect(await ratings()).toMatchObject([
      { competencyId: 'SAFE.1', current: 2, target: null, statementId: second.id },
    ])
    await store([createVoiding(second.id as string, { actor: learnerActor(userId) })])
    expect(await ratings()).toMatchObject([{ competencyId: 'SAFE.1', current: 1, target: 3, statementId: first.id }])
    expect(await evidenceOf(userId)).toEqual([])
  })

  test('ratings of unknown competencies or out-of-range levels are ignored', async () => {
    const userId = randomUUID()
    const actor = learnerAgent({ publicUrl, user: { id: userId, name: 'Learner' } })
    await store([
      selfRatingStatement({ publicUrl, activityBase: xapiActivityBase, actor, competencyId: 'NOPE.1', current: 2 }),
      selfRatingStatement({ publicUrl, activityBase: xapiActivityBase, actor, competencyId: 'SAFE.1', current: 7 }),
    ])
    expect((await db().select().from(schema().selfRatings)).filter((row) => row.userId === userId)).toEqual([])
  })
})

// ---- Property: applying statements as they are stored gives the same projections as a full replay ----

function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test('for random statement sequences with voids, incremental projections equal rebuildProjections()', async () => {
  const authorities = [
    app,
    app,
    await clientAuthorityFor({ trusted: true }),
    await clientAuthorityFor({ trusted: false }),
  ]
  const levelVerbs = [
    'launched',
    'experienced',
    'progressed',
    'suspended',
    'passed',
    'failed',
    'completed',
    'scored',
  ] as const
  for (let seed = 1; seed <= 20; seed++) {
    const random = mulberry32(seed)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
    // Learners in two teams, with role targets some of them can reach (estates-support: level 1 everywhere).
    const teams = [await createTeam(), await createTeam()]
    const roles = ['estates-support', 'clinical'] as const
    const users: string[] = []
    for (let i = 0; i < 2 + Math.floor(random() * 2); i++)
      users.push((await createUser({ team: pick(teams), roleProfile: pick(roles) })).id)
    const registrations = users.flatMap((user) =>
      [PHISHING, CHAMPION, SAFETY_ESSENTIALS].flatMap((slug) =>
        [1, 2].map(() => ({ user, slug, registration: randomUUID() })),
      ),
    )
    const stored: { id: string; user: string }[] = []
    const length = 10 + Math.floor(random() * 31)
    let made = 0
    while (made < length) {
      // Now and then someone changes team or role: both teams' rollups must follow.
      if (random() < 0.1) await setMembership({ userId: pick(users), teamId: pick(teams).id, roleProfile: pick(roles) })
      const batch: Json[] = []
      const batchSize = 1 + Math.floor(random() * 3)
      for (let i = 0; i < batchSize && made < length; i++, made++) {
        const roll = random()
        // Sometimes another learner (or nobody we know) reuses a registration.
        const attempt = pick(registrations)
        const user = roll < 0.15 ? pick(users) : attempt.user
        const at = new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 30 * DAY_MS))
        let statement: Json
        if (roll > 0.85 && stored.length > 0) {
          const target = pick(stored)
          statement = createVoiding(target.id, { actor: learnerActor(target.user) })
        } else if (roll > 0.75) {
          const competencyId = pick(['SAFE.1', 'LEARN.1', 'LEARN.2'])
          const actor = learnerAgent({ publicUrl, user: { id: user, name: 'Learner' } })
          const current = Math.floor(random() * 5)
          statement = {
            id: randomUUID(),
            ...selfRatingStatement({
              publicUrl,
              activityBase: xapiActivityBase,
              actor,
              competencyId,
              current,
              target: random() < 0.5 ? 4 : null,
            }),
            timestamp: at.toISOString(),
          }
        } else {
          const verb = pick(levelVerbs)
          statement = createModuleStatement({
            userId: user,
            slug: attempt.slug,
            verb: verb,
            registration: attempt.registration,
            at,
            scaled: ['passed', 'failed', 'completed', 'scored'].includes(verb)
              ? Math.round(random() * 100) / 100
              : undefined,
            section: verb === 'experienced' ? 1 + Math.floor(random() * 4) : undefined,
            contentVersion: pick(['v1', 'v2']),
          })
          if (roll < 0.02) statement.actor = { mbox: `mailto:visitor${seed}@example.test` }
        }
        batch.push(statement)
      }
      // A batch is one authority: voids and everything else go through the same path.
      const ids = await store(batch, pick(authorities))
      ids.forEach((id, index) => {
        const statement = batch[index] as Json
        const account = (statement.actor as { account?: { name: string } }).account
        if ((statement.verb as Json).id !== verbs.voided && account) stored.push({ id, user: account.name })
      })
    }
    const incremental = await projectionSnapshot()
    await rebuildProjections()
    expect(await projectionSnapshot(), `seed ${seed}`).toEqual(incremental)
  }
  const { competencyEvidence, moduleAttempts, teamReadiness } = schema()
  // The sequences really exercised the rules.
  expect((await db().select().from(competencyEvidence)).length).toBeGreaterThan(0)
  expect((await db().select().from(teamReadiness)).length).toBeGreaterThan(0)
  expect(new Set((await db().select().from(moduleAttempts)).map((row) => row.status)).size).toBe(4)
}, 120_000)
