import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { createLrsClient } from '#app/lib/xapi/clients/lrs-clients.server.ts'
import { appAuthority, browserAuthority, clientAuthority } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { useContentWithCourses } from '#tests/course-content.ts'
import { courseSatisfiedStatement } from '#tests/course-statements.ts'
import { createVoiding, learnerActor } from '#tests/statements.ts'
import { rebuildProjections } from './projector.server.ts'

type Json = Record<string, unknown>
const SAFETY_COURSE = 'https://courses.example.test/cyber-safety'
const DRAFT_COURSE = 'https://courses.example.test/draft-course'
const UNMAPPED_COURSE = 'https://courses.example.test/not-in-courses-yaml'

let content: ReturnType<typeof useContentWithCourses>
beforeAll(() => {
  content = useContentWithCourses([
    {
      course: SAFETY_COURSE,
      slug: 'cyber-safety-course',
      // SAFE.1 and SAFE.2 refresh every 12 months; the three make the SAFE domain's Foundation level.
      competencies: [
        { id: 'SAFE.1', level: 1 },
        { id: 'SAFE.2', level: 1 },
        { id: 'SAFE.3', level: 1 },
      ],
      audience: ['clinical'],
      status: 'published',
    },
    {
      course: DRAFT_COURSE,
      slug: 'draft-course',
      competencies: [{ id: 'DATA.1', level: 2 }],
      audience: ['clinical'],
      status: 'draft',
    },
  ])
})
afterAll(() => content.restore())

const app = appAuthority({ publicUrl }) as unknown as Json
const store = (statements: Json[], authority: Json = app) =>
  storeStatements({ statements, authority, version: '1.0.3' })

async function evidenceOf(userId: string) {
  const rows = await db().select().from(schema().competencyEvidence)
  return rows.filter((row) => row.userId === userId).sort((a, b) => a.competencyId.localeCompare(b.competencyId))
}
async function readinessOf(userId: string) {
  return (await db().select().from(schema().readinessPeriods)).filter((row) => row.userId === userId)
}

async function projectionSnapshot() {
  const { moduleAttempts, competencyEvidence, selfRatings, readinessPeriods } = schema()
  const plain = (rows: Json[]) =>
    rows
      .map((row) => JSON.stringify(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v])))
      .sort()
  return {
    attempts: plain(await db().select().from(moduleAttempts)),
    evidence: plain((await db().select().from(competencyEvidence)).map(({ id: _id, ...row }) => row)),
    ratings: plain(await db().select().from(selfRatings)),
    readiness: plain(await db().select().from(readinessPeriods)),
  }
}

describe('a satisfied cmi5 course as competency evidence', () => {
  test('the platform’s satisfied of a mapped course gives evidence under its slug and makes the learner ready', async () => {
    const userId = randomUUID()
    const at = new Date('2026-11-02T10:00:00Z')
    expect(await readinessOf(userId)).toEqual([])
    const satisfied = courseSatisfiedStatement({ userId, courseId: SAFETY_COURSE, at })
    await store([satisfied])

    const evidence = await evidenceOf(userId)
    expect(
      evidence.map(({ competencyId, level, moduleSlug, statementId, achievedAt, expiresAt }) => ({
        competencyId,
        level,
        moduleSlug,
        statementId,
        achievedAt,
        expiresAt,
      })),
    ).toEqual([
      {
        competencyId: 'SAFE.1',
        level: 1,
        moduleSlug: 'cyber-safety-course',
        statementId: satisfied.id,
        achievedAt: at,
        expiresAt: new Date('2027-11-02T10:00:00Z'),
      },
      {
        competencyId: 'SAFE.2',
        level: 1,
        moduleSlug: 'cyber-safety-course',
        statementId: satisfied.id,
        achievedAt: at,
        expiresAt: new Date('2027-11-02T10:00:00Z'),
      },
      {
        competencyId: 'SAFE.3',
        level: 1,
        moduleSlug: 'cyber-safety-course',
        statementId: satisfied.id,
        achievedAt: at,
        expiresAt: null,
      },
    ])
    expect(await readinessOf(userId)).toEqual([
      { userId, domainId: 'SAFE', level: 1, readyFrom: at, readyUntil: new Date('2027-11-02T10:00:00Z') },
    ])
  })

  test('a satisfied from an LRS client (even one trusted for module passes) or the browser gives no evidence', async () => {
    const userId = randomUUID()
    for (const trusted of [false, true]) {
      const { client } = await createLrsClient({
        name: `Course vendor ${trusted}`,
        scopes: ['all'],
        trustedForEvidence: trusted,
      })
      await store(
        [courseSatisfiedStatement({ userId, courseId: SAFETY_COURSE })],
        clientAuthority({ publicUrl, client }) as unknown as Json,
      )
    }
    await store(
      [courseSatisfiedStatement({ userId, courseId: SAFETY_COURSE })],
      browserAuthority({ publicUrl }) as unknown as Json,
    )
    expect(await evidenceOf(userId)).toEqual([])
    expect(await readinessOf(userId)).toEqual([])
  })

  test('only a course-level cmi5 satisfied of a course courses.yaml maps counts; a draft mapping still counts', async () => {
    const userId = randomUUID()
    const block = courseSatisfiedStatement({ userId, courseId: SAFETY_COURSE })
    block.object.definition.type = 'https://w3id.org/xapi/cmi5/activitytype/block'
    const withoutCategory = courseSatisfiedStatement({ userId, courseId: SAFETY_COURSE })
    withoutCategory.context.contextActivities.category = []
    await store([block, withoutCategory, courseSatisfiedStatement({ userId, courseId: UNMAPPED_COURSE })])
    expect(await evidenceOf(userId)).toEqual([])

    await store([courseSatisfiedStatement({ userId, courseId: DRAFT_COURSE })])
    expect((await evidenceOf(userId)).map((row) => [row.competencyId, row.level, row.moduleSlug])).toEqual([
      ['DATA.1', 2, 'draft-course'],
    ])
  })

  test('voiding the satisfied removes its evidence and the readiness it gave', async () => {
    const userId = randomUUID()
    const satisfied = courseSatisfiedStatement({ userId, courseId: SAFETY_COURSE })
    await store([satisfied])
    expect(await evidenceOf(userId)).toHaveLength(3)
    await store([createVoiding(satisfied.id, { actor: learnerActor(userId) })])
    expect(await evidenceOf(userId)).toEqual([])
    expect(await readinessOf(userId)).toEqual([])
  })

  test('rebuilding the projections reproduces course evidence exactly', async () => {
    const userId = randomUUID()
    await store([courseSatisfiedStatement({ userId, courseId: SAFETY_COURSE, at: new Date('2026-06-01T08:00:00Z') })])
    const before = await projectionSnapshot()
    expect(before.evidence.some((row) => row.includes(userId))).toBe(true)
    await rebuildProjections()
    expect(await projectionSnapshot()).toEqual(before)
  })
})
