import type { AccountAgent } from '#app/lib/xapi/model/agents.ts'
import {
  cmi5ActivityTypes,
  cmi5Category,
  cmi5Extensions,
  cmi5Verbs,
  moveOnCategory,
  type WaiveReason,
} from './cmi5-vocabulary.ts'

// The statements the platform itself makes about a learner's cmi5 course (as the LMS): launched, abandoned,
// waived and satisfied. Stored with the app's authority; only the course-level satisfied one counts as evidence.

type Json = Record<string, unknown>

const verb = (id: string, name: string) => ({ id, display: { 'en-GB': name } })

export interface AuRef {
  /** The id the platform gives the AU at launch (course_aus.activity_id). */
  activityId: string
  /** The publisher's id for the AU, from the course structure. */
  auId: string
  title: Record<string, string>
}

function auContext({
  registration,
  au,
  sessionId,
  extensions = {},
  categories = [cmi5Category],
}: {
  registration: string
  au: AuRef
  sessionId: string
  extensions?: Json
  categories?: { id: string }[]
}) {
  return {
    registration,
    contextActivities: { category: categories, grouping: [{ id: au.auId }] },
    extensions: { [cmi5Extensions.sessionId]: sessionId, ...extensions },
  }
}

const auObject = (au: AuRef) => ({
  objectType: 'Activity',
  id: au.activityId,
  definition: { name: au.title },
})

export function launchedStatement({
  actor,
  registration,
  au,
  sessionId,
  launchMode,
  launchUrl,
  moveOn,
  masteryScore,
  launchParameters,
  at,
}: {
  actor: AccountAgent
  registration: string
  au: AuRef
  sessionId: string
  launchMode: string
  launchUrl: string
  moveOn: string
  masteryScore: number | null
  launchParameters: string | null
  at: Date
}): Json {
  const extensions: Json = {
    [cmi5Extensions.launchMode]: launchMode,
    [cmi5Extensions.launchUrl]: launchUrl,
    [cmi5Extensions.moveOn]: moveOn,
  }
  if (masteryScore !== null) extensions[cmi5Extensions.masteryScore] = masteryScore
  if (launchParameters !== null) extensions[cmi5Extensions.launchParameters] = launchParameters
  return {
    actor,
    verb: verb(cmi5Verbs.launched, 'launched'),
    object: auObject(au),
    context: auContext({ registration, au, sessionId, extensions }),
    timestamp: at.toISOString(),
  }
}

export function abandonedStatement({
  actor,
  registration,
  au,
  sessionId,
  durationMs,
  at,
}: {
  actor: AccountAgent
  registration: string
  au: AuRef
  sessionId: string
  durationMs: number
  at: Date
}): Json {
  return {
    actor,
    verb: verb(cmi5Verbs.abandoned, 'abandoned'),
    object: auObject(au),
    result: { duration: isoDuration(durationMs) },
    context: auContext({ registration, au, sessionId }),
    timestamp: at.toISOString(),
  }
}

export function waivedStatement({
  actor,
  registration,
  au,
  sessionId,
  reason,
  at,
}: {
  actor: AccountAgent
  registration: string
  au: AuRef
  sessionId: string
  reason: WaiveReason
  at: Date
}): Json {
  return {
    actor,
    verb: verb(cmi5Verbs.waived, 'waived'),
    object: auObject(au),
    result: { success: true, completion: true, extensions: { [cmi5Extensions.reason]: reason } },
    context: auContext({ registration, au, sessionId, categories: [cmi5Category, moveOnCategory] }),
    timestamp: at.toISOString(),
  }
}

/** The platform's satisfied statement for a block or the course (the contract the learning projections read). */
export function satisfiedStatement({
  actor,
  registration,
  target,
  sessionId,
  at,
}: {
  actor: AccountAgent
  registration: string
  target: { kind: 'course' | 'block'; id: string; title?: Record<string, string> }
  sessionId: string
  at: Date
}): Json {
  const definition: Json = { type: cmi5ActivityTypes[target.kind] }
  if (target.title && Object.keys(target.title).length > 0) definition.name = target.title
  return {
    actor,
    verb: verb(cmi5Verbs.satisfied, 'satisfied'),
    object: { objectType: 'Activity', id: target.id, definition },
    context: {
      registration,
      contextActivities: { category: [cmi5Category] },
      extensions: { [cmi5Extensions.sessionId]: sessionId },
    },
    timestamp: at.toISOString(),
  }
}

/** Milliseconds as an ISO 8601 duration in seconds, to the hundredth (what xAPI keeps). */
export function isoDuration(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10))
  return `PT${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}S`
}
