import { publisherIdOf } from '#app/lib/courses/cmi5-vocabulary.ts'
import type { Statement } from '#app/lib/xapi/model/statement-schema.ts'

// A cmi5 course counts as evidence when the platform (the LMS, never the course's own content) says the
// learner satisfied it: a `satisfied` statement about the course activity, in a cmi5 registration, stored
// with the app's authority. Content can send any statement it likes about its learner, so a satisfied from an
// AU, an LRS client or a browser is recorded and ignored here.

export const SATISFIED_VERB = 'https://w3id.org/xapi/adl/verbs/satisfied'
export const COURSE_ACTIVITY_TYPE = 'https://w3id.org/xapi/cmi5/activitytype/course'
export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5'

/**
 * The course IRI (the publisher's, as courses.yaml names it) a statement says was satisfied, or null when it is
 * not a cmi5 course-level satisfied about one of the platform's course objects.
 */
export function satisfiedCourseOf(statement: Statement, activityBase: string): string | null {
  if (statement.verb.id !== SATISFIED_VERB) return null
  const { object, context } = statement
  if (object.objectType !== undefined && object.objectType !== 'Activity') return null
  if (object.definition?.type !== COURSE_ACTIVITY_TYPE || !context?.registration) return null
  // The schema makes each list an array; `flat` also reads a lone Activity stored without being parsed.
  const categories = [context.contextActivities?.category ?? []].flat()
  return categories.some((activity) => activity.id === CMI5_CATEGORY)
    ? publisherIdOf(activityBase, 'course', object.id)
    : null
}
