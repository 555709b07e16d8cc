import { statusOf } from './module-status.ts'
import { learnerModuleStatuses } from './my-learning.server.ts'
import { findVisibleCourse, learnerCourseRegistrations, unitStates } from '#app/lib/courses/course-catalogue.server.ts'
import { launchLabel, unitNeeds, unitStateWords } from '#app/lib/courses/unit-state.ts'

/** What a learner's course page shows: the course, its units in order with their states, and their status on it. */
export async function coursePage({ slug, user }: { slug: string | undefined; user: { id: string; isAdmin: boolean } }) {
  const found = await findVisibleCourse({ slug, user })
  if (!found) throw new Response('Not found', { status: 404 })
  const { course, units } = found
  const [registrations, { statuses }] = await Promise.all([
    learnerCourseRegistrations({ userId: user.id }),
    learnerModuleStatuses({ userId: user.id }),
  ])
  const registration = registrations.get(course.courseRowId) ?? null
  const states = await unitStates({
    registration: registration?.registration ?? null,
    units,
  })
  const shown = units.map(({ moveOn, masteryScore, ...unit }) => {
    const { state, opened } = states.get(unit.id) ?? { state: 'not-started' as const, opened: false }
    return {
      ...unit,
      state,
      stateWords: unitStateWords[state],
      launchLabel: launchLabel(state, unit.title, opened),
      needs: unitNeeds({ moveOn, masteryScore }),
    }
  })
  // The first part not yet done is the one to do next: its button is the page's primary one.
  const next = shown.findIndex((unit) => unit.state === 'not-started' || unit.state === 'in-progress')
  return {
    course: {
      slug: course.slug,
      courseRowId: course.courseRowId,
      title: course.title,
      summary: course.summary,
      minutes: course.minutes,
      status: course.status,
      competencies: course.competencies,
    },
    personal: statusOf(statuses, course.slug),
    satisfiedAt: registration?.satisfiedAt ?? null,
    units: shown.map((unit, index) => ({ ...unit, next: index === next })),
  }
}
