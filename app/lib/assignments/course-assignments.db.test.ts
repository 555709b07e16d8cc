import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DAY_MS, isoDay } from '#app/lib/dates/dates.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { appAuthority } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { useContentWithCourses } from '#tests/course-content.ts'
import { createCourseRows } from '#tests/course-rows.ts'
import { courseSatisfiedStatement } from '#tests/course-statements.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { unitSeenBy } from '#tests/visible-units.ts'
import {
  assignFormOptions,
  assignmentsForLearner,
  createAssignment,
  describeAssignment,
  overdueWork,
} from './assignments.server.ts'

// An imported course is assigned like a module: it is offered beside the modules, named by its title
// wherever the work is listed, may recur when its competencies refresh, and is done once the platform has
// recorded that the learner satisfied it.

const COURSE = 'https://courses.example.test/phishing-drill'
const COURSE_SLUG = 'phishing-drill-course'
const NOW = new Date('2026-11-26T12:00:00Z')

let content: ReturnType<typeof useContentWithCourses>
beforeAll(async () => {
  content = useContentWithCourses([
    // SAFE.1 refreshes every 12 months, so assignments of this course may recur.
    {
      course: COURSE,
      slug: COURSE_SLUG,
      competencies: [{ id: 'SAFE.1', level: 1 }],
      audience: ['clinical'],
      status: 'published',
    },
    {
      course: 'https://courses.example.test/not-imported',
      slug: 'not-imported-course',
      competencies: [{ id: 'SAFE.1', level: 1 }],
      audience: ['clinical'],
      status: 'published',
    },
  ])
  await createCourseRows({ courseId: COURSE, title: 'Phishing drill from the security team' })
})
afterAll(() => content.restore())

describe('assigning an imported course', () => {
  test('is offered beside modules (once imported), named by its title, and done once the platform satisfies it', async () => {
    const team = await createTeam()
    const manager = await createUser({ manages: [team] })
    const learner = await createUser({ team, roleProfile: 'clinical' })
    const unit = await unitSeenBy(manager, team)

    const { modules } = await assignFormOptions({ unit })
    expect(modules).toContainEqual({
      slug: COURSE_SLUG,
      title: 'Phishing drill from the security team',
      refreshMonths: 12,
      kind: 'course',
    })
    expect(modules.map((m) => m.slug)).not.toContain('not-imported-course')
    expect(modules.map((m) => m.slug)).toContain('spotting-phishing')

    const refused = await createAssignment({
      viewer: manager,
      unitId: team.id,
      input: { what: 'not-imported-course', who: 'unit', dueDate: isoDay(new Date(NOW.getTime() + 7 * DAY_MS)) },
      now: NOW,
    })
    expect(refused.ok).toBe(false)

    const due = new Date(NOW.getTime() + 7 * DAY_MS)
    const made = await createAssignment({
      viewer: manager,
      unitId: team.id,
      input: { what: COURSE_SLUG, who: 'unit', dueDate: isoDay(due), recurs: 'yes' },
      now: NOW,
    })
    if (!made.ok) throw new Error(JSON.stringify(made.errors))
    expect(made.assignment.recurs).toBe(true)
    const described = await describeAssignment({
      plan: { moduleSlug: COURSE_SLUG, unitId: team.id, userId: null, dueDate: isoDay(due), recurs: true },
      unit,
    })
    expect(described).toMatchObject({ what: 'Phishing drill from the security team', refreshes: true })

    expect(await assignmentsForLearner({ userId: learner.id, now: NOW })).toMatchObject([
      { moduleSlug: COURSE_SLUG, title: 'Phishing drill from the security team', status: 'due' },
    ])
    const late = new Date(due.getTime() + 2 * DAY_MS)
    expect((await overdueWork({ unit, now: late })).rows).toMatchObject([
      { userId: learner.id, what: 'Phishing drill from the security team' },
    ])

    await storeStatements({
      statements: [
        courseSatisfiedStatement({ userId: learner.id, courseId: COURSE, at: new Date(late.getTime() - DAY_MS) }),
      ],
      authority: appAuthority({ publicUrl }) as unknown as Record<string, unknown>,
      version: '1.0.3',
    })
    expect(await assignmentsForLearner({ userId: learner.id, now: late })).toMatchObject([
      { moduleSlug: COURSE_SLUG, status: 'done' },
    ])
    expect((await overdueWork({ unit, now: late })).rows).toEqual([])
  })
})
