import { verbs } from '#app/lib/xapi/model/vocabulary.ts'

// The identifiers cmi5 gives its verbs, categories, extensions and activity types.

const adlW3id = (verb: string) => `https://w3id.org/xapi/adl/verbs/${verb}`
const cmi5 = 'https://w3id.org/xapi/cmi5'

export const cmi5Verbs = {
  launched: verbs.launched,
  initialized: verbs.initialized,
  completed: verbs.completed,
  passed: verbs.passed,
  failed: verbs.failed,
  terminated: verbs.terminated,
  abandoned: adlW3id('abandoned'),
  waived: adlW3id('waived'),
  satisfied: adlW3id('satisfied'),
} as const

/** Verbs only the platform may use: content that sends them in a cmi5 statement is refused. */
export const PLATFORM_VERBS: ReadonlySet<string> = new Set([
  cmi5Verbs.launched,
  cmi5Verbs.abandoned,
  cmi5Verbs.waived,
  cmi5Verbs.satisfied,
])

export const cmi5Category = { id: `${cmi5}/context/categories/cmi5` }
export const moveOnCategory = { id: `${cmi5}/context/categories/moveon` }

export const cmi5Extensions = {
  sessionId: `${cmi5}/context/extensions/sessionid`,
  masteryScore: `${cmi5}/context/extensions/masteryscore`,
  launchMode: `${cmi5}/context/extensions/launchmode`,
  launchUrl: `${cmi5}/context/extensions/launchurl`,
  moveOn: `${cmi5}/context/extensions/moveon`,
  launchParameters: `${cmi5}/context/extensions/launchparameters`,
  reason: `${cmi5}/result/extensions/reason`,
  progress: `${cmi5}/result/extensions/progress`,
} as const

export const cmi5ActivityTypes = {
  course: `${cmi5}/activitytype/course`,
  block: `${cmi5}/activitytype/block`,
} as const

// cmi5 (9.4) wants the platform's own ids for the course and block objects of satisfied statements, never the
// publisher's. Ours carry the publisher's id inside, so they stay the same for every statement about that course
// or block and a reader (the learning projections) can tell which course was satisfied from the statement alone.
const platformObjectPrefix = (activityBase: string, kind: 'course' | 'block') =>
  `${activityBase}cmi5/${kind}s?publisher-id=`

/** The platform's object id for a course or block of a course, given the publisher's id from its cmi5.xml. */
export const platformObjectId = (activityBase: string, kind: 'course' | 'block', publisherId: string) =>
  `${platformObjectPrefix(activityBase, kind)}${encodeURIComponent(publisherId)}`

/** The publisher's id inside a platform course or block object id, or null for any other id. */
export function publisherIdOf(activityBase: string, kind: 'course' | 'block', objectId: string): string | null {
  const prefix = platformObjectPrefix(activityBase, kind)
  if (!objectId.startsWith(prefix)) return null
  try {
    return decodeURIComponent(objectId.slice(prefix.length))
  } catch {
    return null
  }
}

export const LAUNCH_DATA_STATE_ID = 'LMS.LaunchData'
export const LEARNER_PREFERENCES_PROFILE_ID = 'cmi5LearnerPreferences'

/** The reasons an administrator may give for waiving an AU: the stored value, and how staff see it. */
export const WAIVE_REASONS = {
  'Tested Out': 'Tested out (passed an assessment instead)',
  'Equivalent AU': 'Equivalent unit (completed an equivalent unit in this course)',
  'Equivalent Outside Activity': 'Equivalent outside activity (completed equivalent learning elsewhere)',
  Administrative: 'Administrative (marked as met by an administrator)',
} as const
export type WaiveReason = keyof typeof WAIVE_REASONS
