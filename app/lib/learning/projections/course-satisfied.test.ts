import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { appAuthority, browserAuthority } from '#app/lib/xapi/model/agents.ts'
import type { Statement } from '#app/lib/xapi/model/statement-schema.ts'
import { courseSatisfiedStatement } from '#tests/course-statements.ts'
import { courseEvidenceFrom, isAppAuthority, readStatement } from './projection-rules.ts'

const settings = { publicUrl, activityBase: xapiActivityBase }
const COURSE = 'https://courses.example.test/course'
const mapping = {
  slug: 'a-course',
  competencies: [
    { id: 'SAFE.1', level: 2 as const },
    { id: 'LEARN.2', level: 1 as const },
  ],
}
const competencies = new Map([
  ['SAFE.1', { refreshMonths: 12 }],
  ['LEARN.2', {}],
])
const asStored = (statement: object, authority = appAuthority({ publicUrl })) =>
  ({ ...statement, authority }) as unknown as Statement

describe('a cmi5 course’s satisfied statement', () => {
  test('is read as the course being satisfied by the learner', () => {
    const userId = randomUUID()
    const at = new Date('2026-11-30T09:00:00Z')
    const statement = courseSatisfiedStatement({ userId, courseId: COURSE, at })
    expect(readStatement(asStored(statement), settings)).toMatchObject({
      kind: 'course-satisfied',
      userId,
      courseId: COURSE,
      statementId: statement.id,
      timestamp: at,
    })
  })

  test('gives evidence per mapped competency under the course’s slug, expiring by refreshMonths, only from the app', () => {
    const userId = randomUUID()
    const at = new Date('2026-01-31T09:00:00Z')
    const statement = courseSatisfiedStatement({ userId, courseId: COURSE, at })
    const reading = readStatement(asStored(statement), settings)
    if (!reading) throw new Error('expected a reading')
    expect(courseEvidenceFrom(reading, { byApp: true, mapping, competencies })).toEqual([
      {
        userId,
        competencyId: 'SAFE.1',
        level: 2,
        moduleSlug: 'a-course',
        statementId: statement.id,
        achievedAt: at,
        expiresAt: new Date('2027-01-31T09:00:00Z'),
      },
      {
        userId,
        competencyId: 'LEARN.2',
        level: 1,
        moduleSlug: 'a-course',
        statementId: statement.id,
        achievedAt: at,
        expiresAt: null,
      },
    ])
    expect(courseEvidenceFrom(reading, { byApp: false, mapping, competencies })).toEqual([])
    expect(courseEvidenceFrom(reading, { byApp: true, mapping: null, competencies })).toEqual([])
    expect(isAppAuthority(appAuthority({ publicUrl }), settings)).toBe(true)
    expect(isAppAuthority(browserAuthority({ publicUrl }), settings)).toBe(false)
  })

  test('a block’s satisfied, one without the cmi5 category or registration, or another verb is not a course’s', () => {
    const userId = randomUUID()
    const block = courseSatisfiedStatement({ userId, courseId: COURSE })
    block.object.definition.type = 'https://w3id.org/xapi/cmi5/activitytype/block'
    const uncategorised = courseSatisfiedStatement({ userId, courseId: COURSE })
    uncategorised.context.contextActivities.category = [{ id: 'https://example.test/other-category' }]
    const unregistered = courseSatisfiedStatement({ userId, courseId: COURSE })
    const { registration: _registration, ...context } = unregistered.context
    const completed = courseSatisfiedStatement({ userId, courseId: COURSE })
    completed.verb.id = 'http://adlnet.gov/expapi/verbs/completed'
    for (const statement of [block, uncategorised, { ...unregistered, context }, completed]) {
      expect(readStatement(asStored(statement), settings)?.kind).not.toBe('course-satisfied')
    }
  })
})
