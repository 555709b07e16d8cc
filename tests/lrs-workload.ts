import { pick, seededRandom, seededUuid, type Random } from '../bench/synthetic-learning.ts'

// Statements an external LMS would send an LRS, for the LRS tests and `npm run bench:lrs`: learners (accounts on the
// LMS) attempting modules of questions, each attempt a registration of an `attempted`, one `answered` per
// question (the module as context parent) and a `passed` or `failed`. About 1% of statements void an
// earlier one and about 1% comment on an earlier one (a StatementRef that is not a void), so queries meet
// the StatementRef rule. Seeded: the same seed gives the same statements, ids included.

type Json = Record<string, unknown>

export const LMS_HOME_PAGE = 'https://lms.example.org'
export const CONTENT_BASE = 'https://content.example.org/modules'

export const lrsVerbs = {
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  commented: 'http://adlnet.gov/expapi/verbs/commented',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const

export interface LrsWorkloadShape {
  agents: number
  modules: number
  questionsPerModule: number
  seed: number
}

export const ICB_SHAPE: LrsWorkloadShape = { agents: 20_000, modules: 300, questionsPerModule: 7, seed: 1 }

export const learnerAgentOf = (index: number): Json => ({
  objectType: 'Agent',
  account: { homePage: LMS_HOME_PAGE, name: `learner-${index}` },
})
export const moduleIri = (module: number) => `${CONTENT_BASE}/m${module}`
export const questionIri = (module: number, question: number) => `${CONTENT_BASE}/m${module}/q${question}`

const verb = (id: string) => ({ id, display: { 'en-GB': id.slice(id.lastIndexOf('/') + 1) } })

/** A statement of a learner about an activity, in the shape an LMS sends. */
function activityStatement(options: {
  random: Random
  actor: number
  verbId: string
  activity: string
  parent?: string
  registration: string
  result?: Json
}): Json {
  const { random, actor, verbId, activity, parent, registration, result } = options
  return {
    id: seededUuid(random),
    actor: learnerAgentOf(actor),
    verb: verb(verbId),
    object: { objectType: 'Activity', id: activity },
    context: {
      registration,
      ...(parent ? { contextActivities: { parent: [{ id: parent }] } } : {}),
    },
    ...(result ? { result } : {}),
  }
}

/**
 * The statements, in the order an LRS would receive them. Statements that refer to others refer only to
 * statements already produced; with `references: false` there are none (for loads that must be free of
 * cross-request order, like concurrent posting).
 */
export function* lrsWorkload(
  shape: LrsWorkloadShape = ICB_SHAPE,
  { references = true }: { references?: boolean } = {},
): Generator<Json> {
  const random = seededRandom(shape.seed)
  const recentIds: string[] = []
  const remember = (statement: Json) => {
    recentIds.push(String(statement.id))
    if (recentIds.length > 5000) recentIds.splice(0, 1000)
    return statement
  }
  const voided = new Set<string>()
  for (;;) {
    const actor = Math.floor(random() * shape.agents)
    const module = Math.floor(random() * shape.modules)
    const registration = seededUuid(random)
    yield remember(
      activityStatement({ random, actor, verbId: lrsVerbs.attempted, activity: moduleIri(module), registration }),
    )
    let correct = 0
    for (let question = 0; question < shape.questionsPerModule; question++) {
      const success = random() < 0.8
      if (success) correct++
      yield remember(
        activityStatement({
          random,
          actor,
          verbId: lrsVerbs.answered,
          activity: questionIri(module, question),
          parent: moduleIri(module),
          registration,
          result: { success, response: success ? 'right' : 'wrong' },
        }),
      )
    }
    const passed = correct / shape.questionsPerModule >= 0.7
    yield remember(
      activityStatement({
        random,
        actor,
        verbId: passed ? lrsVerbs.passed : lrsVerbs.failed,
        activity: moduleIri(module),
        registration,
        result: { success: passed, score: { scaled: correct / shape.questionsPerModule } },
      }),
    )
    if (!references) continue
    // About one statement in a hundred of each: a void and a comment, about a recent statement.
    if (random() < 0.09) {
      const target = pick(random, recentIds)
      if (!voided.has(target)) {
        voided.add(target)
        yield {
          id: seededUuid(random),
          actor: { objectType: 'Agent', account: { homePage: LMS_HOME_PAGE, name: 'lms-administrator' } },
          verb: verb(lrsVerbs.voided),
          object: { objectType: 'StatementRef', id: target },
        }
      }
    }
    if (random() < 0.09) {
      yield {
        id: seededUuid(random),
        actor: learnerAgentOf(Math.floor(random() * shape.agents)),
        verb: verb(lrsVerbs.commented),
        object: { objectType: 'StatementRef', id: pick(random, recentIds) },
        result: { response: 'A useful question.' },
      }
    }
  }
}

/** The first `count` statements of a workload. */
export function* firstStatements(statements: Iterator<Json>, count: number): Generator<Json> {
  for (let i = 0; i < count; i++) {
    const next = statements.next()
    if (next.done) return
    yield next.value
  }
}
