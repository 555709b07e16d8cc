import { isIsoDuration } from '#app/lib/xapi/model/duration.ts'
import { cmi5Category, cmi5Extensions, cmi5Verbs, moveOnCategory, PLATFORM_VERBS } from './cmi5-vocabulary.ts'

// What the LMS refuses from an AU (cmi5 sections 7.1, 9.3 to 9.6, 10.2.2): every statement of a launch session
// carries its session id and the AU's publisher id grouping, starts with initialized and ends with terminated;
// "cmi5 defined" statements (those with the cmi5 category) also follow the verb, result and mode rules.

type Json = Record<string, unknown>

/** What is known about a launch session before a batch is judged; updated as each statement is accepted. */
export interface SessionFacts {
  sessionId: string
  activityId: string
  publisherId: string
  launchMode: 'Normal' | 'Browse' | 'Review'
  masteryScore: number | null
  /** cmi5-defined verbs the AU has already sent in this session (initialized first). */
  sessionVerbs: string[]
  /** Whether any statement of the AU's is already stored for this session. */
  anyInSession: boolean
  /** cmi5-defined completed/passed/failed already sent for this AU in the registration, in any session. */
  registrationVerbs: Set<string>
}

const categoriesOf = (statement: Json) => idsOf(contextActivities(statement).category)
const groupingOf = (statement: Json) => idsOf(contextActivities(statement).grouping)

function contextActivities(statement: Json): Json {
  const context = statement.context as Json | undefined
  return (context?.contextActivities as Json | undefined) ?? {}
}

function idsOf(list: unknown): string[] {
  const items = Array.isArray(list) ? list : list ? [list] : []
  return items.map((item) => String((item as Json).id))
}

export function isCmi5Defined(statement: Json): boolean {
  return categoriesOf(statement).includes(cmi5Category.id)
}

/**
 * Judges a batch in order against the session; returns the first problem (naming the rule) or null. Accepted
 * statements update `facts`, so a batch is judged as if its statements came one at a time.
 */
export function auStatementsProblem(statements: Json[], facts: SessionFacts): string | null {
  for (const [index, statement] of statements.entries()) {
    const where = statements.length > 1 ? `statements[${index}]` : 'statement'
    const problem = statementProblem(statement, facts)
    if (problem) return `${where}: ${problem}`
    record(statement, facts)
  }
  return null
}

function statementProblem(statement: Json, facts: SessionFacts): string | null {
  const verb = String((statement.verb as Json).id)
  const context = statement.context as Json | undefined
  const extensions = (context?.extensions as Json | undefined) ?? {}
  if (extensions[cmi5Extensions.sessionId] !== facts.sessionId)
    return `context.extensions must carry this launch's session id (${cmi5Extensions.sessionId})`
  if (!groupingOf(statement).includes(facts.publisherId))
    return `context.contextActivities.grouping must include the AU's publisher id ${facts.publisherId}`
  if (facts.sessionVerbs.includes(cmi5Verbs.terminated))
    return 'the session has been terminated: no statements may follow terminated'

  const defined = isCmi5Defined(statement)
  if (!facts.anyInSession && !(defined && verb === cmi5Verbs.initialized))
    return 'the first statement of a session must be a cmi5 initialized statement'
  if (!defined) return null

  if (PLATFORM_VERBS.has(verb)) return `${verb} is for the LMS to send, not the AU`
  const object = statement.object as Json
  if ((object.objectType ?? 'Activity') !== 'Activity' || object.id !== facts.activityId)
    return `object.id must be the AU's activity id from the launch URL (${facts.activityId})`
  if (!statement.timestamp) return 'cmi5 statements must have a timestamp'
  if (facts.sessionVerbs.includes(verb)) return `${verb} may be sent only once in a session`

  const result = (statement.result as Json | undefined) ?? {}
  const score = result.score as Json | undefined
  const judged = verb === cmi5Verbs.passed || verb === cmi5Verbs.failed
  if (score !== undefined && !judged) return 'only passed and failed statements may carry result.score'
  if (result.success !== undefined && !judged) return 'only passed and failed statements may carry result.success'
  if (result.completion !== undefined && verb !== cmi5Verbs.completed)
    return 'only completed statements may carry result.completion'
  const hasMoveOn = categoriesOf(statement).includes(moveOnCategory.id)
  const needsMoveOn = result.success !== undefined || result.completion !== undefined
  if (needsMoveOn && !hasMoveOn)
    return `statements with result.success or result.completion need the moveon category (${moveOnCategory.id})`
  if (!needsMoveOn && hasMoveOn)
    return 'only statements with result.success or result.completion carry the moveon category'
  if (result.duration !== undefined && !isIsoDuration(result.duration))
    return 'result.duration must be an ISO 8601 duration'
  const needsDuration = verb === cmi5Verbs.terminated || verb === cmi5Verbs.completed || judged
  if (needsDuration && result.duration === undefined) return `${verb} statements must carry result.duration`

  const satisfying = verb === cmi5Verbs.completed || judged
  if (satisfying && facts.launchMode !== 'Normal')
    return `${verb} may not be sent in ${facts.launchMode} mode (only Normal mode records results)`
  if (judged && facts.sessionVerbs.some((seen) => seen === cmi5Verbs.passed || seen === cmi5Verbs.failed))
    return 'a session may have passed or failed, not both'

  if (verb === cmi5Verbs.completed) {
    if (result.completion !== true) return 'completed statements must have result.completion true'
    if (facts.registrationVerbs.has(cmi5Verbs.completed)) return 'the AU is already completed in this registration'
  }
  if (verb === cmi5Verbs.passed) {
    if (result.success !== true) return 'passed statements must have result.success true'
    if (facts.registrationVerbs.has(cmi5Verbs.passed)) return 'the AU is already passed in this registration'
  }
  if (verb === cmi5Verbs.failed) {
    if (result.success !== false) return 'failed statements must have result.success false'
    if (facts.registrationVerbs.has(cmi5Verbs.passed)) return 'failed may not follow passed in a registration'
  }
  if (judged && facts.masteryScore !== null) {
    const scaled = score?.scaled
    if (typeof scaled !== 'number')
      return `${verb} statements must carry result.score.scaled (the AU has a mastery score)`
    if (verb === cmi5Verbs.passed && scaled < facts.masteryScore)
      return `a passed score (${scaled}) must be at least the mastery score ${facts.masteryScore}`
    if (verb === cmi5Verbs.failed && scaled >= facts.masteryScore)
      return `a failed score (${scaled}) must be below the mastery score ${facts.masteryScore}`
    if (extensions[cmi5Extensions.masteryScore] !== facts.masteryScore)
      return `context.extensions must carry the mastery score ${facts.masteryScore} (${cmi5Extensions.masteryScore})`
  }
  return null
}

function record(statement: Json, facts: SessionFacts) {
  facts.anyInSession = true
  if (!isCmi5Defined(statement)) return
  const verb = String((statement.verb as Json).id)
  facts.sessionVerbs.push(verb)
  if (verb === cmi5Verbs.completed || verb === cmi5Verbs.passed || verb === cmi5Verbs.failed)
    facts.registrationVerbs.add(verb)
}
