import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { appAuthority, browserAuthority, clientAuthority } from '#app/lib/xapi/model/agents.ts'
import { type Statement, statementSchemas } from '#app/lib/xapi/model/statement-schema.ts'
import {
  createModuleStatement,
  createStatement,
  createVoiding,
  learnerActor,
  type StatementInput,
} from '#tests/statements.ts'
import {
  type AttemptRow,
  addMonths,
  attemptAfter,
  authorityTrust,
  evidenceFrom,
  readStatement,
  selfRatingFrom,
} from './projection-rules.ts'
import { selfRatingStatement } from './self-rating.ts'

const settings = { publicUrl, activityBase: xapiActivityBase }
const PHISHING = 'spotting-phishing'
const competencies = new Map([
  ['SAFE.1', { refreshMonths: 12 }],
  ['LEARN.2', {}],
])
const phishingMapping = [{ id: 'SAFE.1', level: 1 as const }]
const minutes = (n: number) => new Date(Date.UTC(2026, 10, 30, 9, n))

/** A statement as the store hands it on: validated, with its id and timestamp. */
function stored(input: StatementInput): Statement {
  return statementSchemas['2.0.0'].parse({ id: randomUUID(), timestamp: minutes(0).toISOString(), ...input })
}

const reading = (input: StatementInput) => readStatement(stored(input), settings)

/** Applies statements in order to one attempt, as the write side does, keeping the sections seen. */
function attemptThrough(inputs: StatementInput[]): AttemptRow | null {
  let attempt: AttemptRow | null = null
  const seen = new Set<string>()
  for (const input of inputs) {
    const read = reading(input)
    if (read?.kind !== 'module') continue
    const next = attemptAfter(read, attempt, seen)
    if (!next) continue
    attempt = next
    if (read.sectionExperienced) seen.add(read.sectionExperienced)
  }
  return attempt
}

describe('attempts', () => {
  const userId = randomUUID()
  const registration = randomUUID()
  const step = (verb: Parameters<typeof createModuleStatement>[0]['verb'], at: number, more = {}) =>
    createModuleStatement({ userId, slug: PHISHING, verb, registration, at: minutes(at), ...more })

  test('status only rises, the best score is kept, and completion is when it first completed', () => {
    const attempt = attemptThrough([
      step('launched', 0),
      step('failed', 10, { scaled: 0.5 }),
      step('passed', 20, { scaled: 0.75 }),
      step('failed', 30, { scaled: 0.9 }),
      step('completed', 40),
    ])
    expect(attempt).toMatchObject({
      registration,
      userId,
      moduleSlug: PHISHING,
      status: 'passed',
      bestScaled: 0.9,
      startedAt: minutes(0),
      updatedAt: minutes(40),
      completedAt: minutes(20),
    })
  })

  test('counts each numbered section experienced once, and nothing else as a section', () => {
    const attempt = attemptThrough([
      step('experienced', 1, { section: 1 }),
      step('experienced', 2, { section: 2 }),
      step('progressed', 3, { section: 3 }),
      step('experienced', 4, { section: 4 }),
      step('experienced', 5, { section: 2 }),
    ])
    expect(attempt?.sectionsSeen).toBe(3)
    expect(attempt?.status).toBe('in-progress')
  })

  test('keeps the latest content version, and the earliest and latest times whatever the order', () => {
    const attempt = attemptThrough([
      step('progressed', 20, { contentVersion: 'v1' }),
      step('launched', 5, { contentVersion: 'v2' }),
    ])
    expect(attempt).toMatchObject({ contentVersion: 'v2', startedAt: minutes(5), updatedAt: minutes(20) })
  })

  test('a registration belongs to the first learner and module seen on it', () => {
    const attempt = attemptThrough([
      step('launched', 0),
      createModuleStatement({ userId: randomUUID(), slug: PHISHING, verb: 'passed', registration, scaled: 1 }),
      createModuleStatement({ userId, slug: 'becoming-a-digital-champion', verb: 'passed', registration, scaled: 1 }),
    ])
    expect(attempt).toMatchObject({ userId, moduleSlug: PHISHING, status: 'in-progress', bestScaled: null })
  })

  test('a statement without a registration makes no attempt', () => {
    const read = reading({ ...step('passed', 0, { scaled: 1 }), context: {} })
    expect(read?.kind === 'module' && attemptAfter(read, null, new Set())).toBeNull()
  })
})

describe('which statements count', () => {
  test("only this app's learners, about its modules or competencies, and never a void", () => {
    const userId = randomUUID()
    const pass = createModuleStatement({ userId, slug: PHISHING, verb: 'passed', scaled: 1 })
    expect(reading(pass)).toMatchObject({ kind: 'module', userId, slug: PHISHING, passesModule: true })
    expect(reading({ ...pass, actor: { mbox: 'mailto:someone@example.test' } })).toBeNull()
    expect(reading({ ...pass, actor: { account: { homePage: 'https://elsewhere.test', name: userId } } })).toBeNull()
    expect(reading(createStatement({ actor: learnerActor(userId) }))).toBeNull()
    expect(reading(createVoiding(randomUUID(), { actor: learnerActor(userId) }))).toBeNull()
  })
})

describe('evidence', () => {
  const userId = randomUUID()
  const at = new Date('2026-01-31T12:00:00Z')
  const pass = reading(createModuleStatement({ userId, slug: PHISHING, verb: 'passed', scaled: 1, at }))
  if (!pass) throw new Error('a pass of a module must count')

  test('a trusted pass gives a row per mapped competency, expiring refreshMonths later or never', () => {
    const rows = evidenceFrom(pass, {
      trustedAuthority: true,
      moduleCompetencies: [...phishingMapping, { id: 'LEARN.2', level: 2 }],
      competencies,
    })
    expect(rows).toEqual([
      {
        userId,
        competencyId: 'SAFE.1',
        level: 1,
        moduleSlug: PHISHING,
        statementId: expect.any(String),
        achievedAt: at,
        expiresAt: new Date('2027-01-31T12:00:00Z'),
      },
      expect.objectContaining({ competencyId: 'LEARN.2', level: 2, expiresAt: null }),
    ])
  })

  test('nothing from an untrusted pass, a module the content lacks, a fail, or a pass of a section', () => {
    const inputs = { trustedAuthority: true, moduleCompetencies: phishingMapping, competencies }
    expect(evidenceFrom(pass, { ...inputs, trustedAuthority: false })).toEqual([])
    expect(evidenceFrom(pass, { ...inputs, moduleCompetencies: undefined })).toEqual([])
    const fail = reading(createModuleStatement({ userId, slug: PHISHING, verb: 'failed', scaled: 0 }))
    const sectionPass = reading(createModuleStatement({ userId, slug: PHISHING, verb: 'passed', section: 1 }))
    for (const other of [fail, sectionPass]) expect(other && evidenceFrom(other, inputs)).toEqual([])
  })

  test('the app itself and trusted LRS clients are the authorities whose passes count', () => {
    expect(authorityTrust(appAuthority({ publicUrl }), settings)).toEqual({ trusted: true })
    expect(authorityTrust(browserAuthority({ publicUrl }), settings)).toEqual({ trusted: false })
    expect(authorityTrust(clientAuthority({ publicUrl, client: { key: 'k1', name: 'Vendor' } }), settings)).toEqual({
      clientKey: 'k1',
    })
    expect(authorityTrust({ mbox: 'mailto:lrs@example.test' }, settings)).toEqual({ trusted: false })
    expect(authorityTrust(undefined, settings)).toEqual({ trusted: false })
  })
})

describe('self-ratings', () => {
  const userId = randomUUID()
  const rating = (competencyId: string, current: number, target?: number | null) =>
    reading(
      selfRatingStatement({
        ...settings,
        actor: learnerActor(userId),
        competencyId,
        current,
        target,
      }) as StatementInput,
    )
  const ratingOf = (read: ReturnType<typeof rating>) => read && selfRatingFrom(read, { settings, competencies })

  test('a rating of a known competency records where the learner is and, if given, wants to be', () => {
    expect(ratingOf(rating('SAFE.1', 0))).toMatchObject({ userId, competencyId: 'SAFE.1', current: 0, target: null })
    expect(ratingOf(rating('SAFE.1', 2, 4))).toMatchObject({ current: 2, target: 4 })
  })

  test('unknown competencies and levels out of range are ignored', () => {
    expect(ratingOf(rating('NOPE.1', 2))).toBeNull()
    expect(ratingOf(rating('SAFE.1', 5))).toBeNull()
    expect(ratingOf(rating('SAFE.1', 2, 0))).toBeNull()
  })

  test('a module statement is no rating', () => {
    const pass = reading(createModuleStatement({ userId, slug: PHISHING, verb: 'passed', scaled: 1 }))
    expect(pass && selfRatingFrom(pass, { settings, competencies })).toBeNull()
  })
})

test('addMonths keeps the day, or the last day of a shorter month', () => {
  expect(addMonths(new Date('2026-01-31T12:00:00Z'), 1)).toEqual(new Date('2026-02-28T12:00:00Z'))
  expect(addMonths(new Date('2026-11-15T00:00:00Z'), 24)).toEqual(new Date('2028-11-15T00:00:00Z'))
})
