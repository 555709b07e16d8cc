import { randomUUID } from 'node:crypto'
import { platformObjectId } from '#app/lib/courses/cmi5-vocabulary.ts'
import { xapiActivityBase } from '#app/lib/env.server.ts'
import { CMI5_CATEGORY, COURSE_ACTIVITY_TYPE, SATISFIED_VERB } from '#app/lib/learning/projections/course-satisfied.ts'
import { learnerActor } from './statements.ts'

// The platform's cmi5 `satisfied` of a course, in the shape the launch side writes it (the contract of
// issue 16): learner actor, the platform's object for the publisher's course IRI, the course registration, the cmi5 category
// and the session that led to it. Tests store it with appAuthority (the platform) or another authority.

export function courseSatisfiedStatement({
  userId,
  courseId,
  registration = randomUUID(),
  sessionId = randomUUID(),
  at = new Date(),
  id = randomUUID(),
}: {
  userId: string
  courseId: string
  registration?: string
  sessionId?: string
  at?: Date
  id?: string
}) {
  return {
    id,
    actor: learnerActor(userId),
    verb: { id: SATISFIED_VERB, display: { 'en-US': 'satisfied' } },
    object: {
      objectType: 'Activity' as const,
      id: platformObjectId(xapiActivityBase, 'course', courseId),
      definition: { type: COURSE_ACTIVITY_TYPE },
    },
    context: {
      registration,
      contextActivities: { category: [{ id: CMI5_CATEGORY }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
    },
    timestamp: at.toISOString(),
  }
}
