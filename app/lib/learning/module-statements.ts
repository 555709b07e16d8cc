import type { Question } from '#app/lib/content/module.schema.ts'
import type { AccountAgent } from '#app/lib/xapi/model/agents.ts'
import { verbs } from '#app/lib/xapi/model/vocabulary.ts'

// The statements the module player produces, built in one place so every one carries the same context:
// the attempt's registration, the module as parent, and the content version the learner saw.

export const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress'
const ACTIVITY_TYPES = {
  module: 'http://adlnet.gov/expapi/activities/module',
  section: 'http://adlnet.gov/expapi/activities/lesson',
  check: 'http://adlnet.gov/expapi/activities/assessment',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
}

export interface ModuleRef {
  slug: string
  title: string
  summary: string
  version: string
}

export interface StatementSetting {
  activityBase: string
  publicUrl: string
  actor: AccountAgent
  module: ModuleRef
  registration: string
}

const verb = (id: string, word: string) => ({ id, display: { 'en-GB': word } })
const en = (text: string) => ({ 'en-GB': text })

export const contentVersionExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/content-version`
export const moduleActivityId = (activityBase: string, slug: string) => `${activityBase}modules/${slug}`

function moduleActivity({ activityBase, module }: StatementSetting) {
  return {
    objectType: 'Activity' as const,
    id: moduleActivityId(activityBase, module.slug),
    definition: { name: en(module.title), description: en(module.summary), type: ACTIVITY_TYPES.module },
  }
}

function context(setting: StatementSetting, { withParent }: { withParent: boolean }) {
  return {
    registration: setting.registration,
    ...(withParent
      ? {
          contextActivities: {
            parent: [
              { objectType: 'Activity' as const, id: moduleActivityId(setting.activityBase, setting.module.slug) },
            ],
          },
        }
      : {}),
    extensions: { [contentVersionExtension(setting.publicUrl)]: setting.module.version },
  }
}

const now = () => new Date().toISOString()

/** Opening or leaving an attempt: the learner did something to the module as a whole. */
function moduleStatement(setting: StatementSetting, word: 'launched' | 'suspended') {
  return {
    actor: setting.actor,
    verb: verb(verbs[word], word),
    object: moduleActivity(setting),
    context: context(setting, { withParent: false }),
    timestamp: now(),
  }
}

export const launchedStatement = (setting: StatementSetting) => moduleStatement(setting, 'launched')
export const suspendedStatement = (setting: StatementSetting) => moduleStatement(setting, 'suspended')

/** Reading a section, and how far through the module that brings the learner (0–100). */
export function sectionStatements(
  setting: StatementSetting,
  { number, title, total }: { number: number; title: string; total: number },
) {
  const section = {
    objectType: 'Activity' as const,
    id: `${moduleActivityId(setting.activityBase, setting.module.slug)}/sections/${number}`,
    definition: { name: en(title), type: ACTIVITY_TYPES.section },
  }
  return [
    {
      actor: setting.actor,
      verb: verb(verbs.experienced, 'experienced'),
      object: section,
      context: context(setting, { withParent: true }),
      timestamp: now(),
    },
    {
      actor: setting.actor,
      verb: verb(verbs.progressed, 'progressed'),
      object: moduleActivity(setting),
      result: { extensions: { [PROGRESS_EXTENSION]: Math.round((number / total) * 100) } },
      context: context(setting, { withParent: false }),
      timestamp: now(),
    },
  ]
}

/**
 * The marked knowledge check: one `answered` per question, then `passed` or `failed` with the scaled
 * score, then `completed` when passed. The question definitions list the choices but never which are
 * correct: anyone who can read statements or activities must not learn the answers from them.
 */
export function knowledgeCheckStatements(
  setting: StatementSetting,
  attempt: {
    questions: { id: string; correct: boolean; options: { id: string; chosen: boolean }[] }[]
    score: number
    total: number
    scaled: number
    passed: boolean
  },
  bank: Question[],
) {
  const checkId = `${moduleActivityId(setting.activityBase, setting.module.slug)}/check`
  const checkContext = context(setting, { withParent: true })
  const answered = attempt.questions.map((marked) => {
    const question = bank.find((q) => q.id === marked.id)
    return {
      actor: setting.actor,
      verb: verb(verbs.answered, 'answered'),
      object: {
        objectType: 'Activity' as const,
        id: `${moduleActivityId(setting.activityBase, setting.module.slug)}/questions/${marked.id}`,
        definition: {
          name: en(question?.prompt ?? marked.id),
          type: ACTIVITY_TYPES.question,
          interactionType: 'choice' as const,
          choices: (question?.options ?? []).map((option) => ({ id: option.id, description: en(option.text) })),
        },
      },
      result: {
        response: marked.options
          .filter((o) => o.chosen)
          .map((o) => o.id)
          .join('[,]'),
        success: marked.correct,
      },
      context: {
        ...checkContext,
        contextActivities: {
          parent: [{ objectType: 'Activity' as const, id: checkId }],
          grouping: checkContext.contextActivities?.parent,
        },
      },
      timestamp: now(),
    }
  })
  const score = { scaled: Number(attempt.scaled.toFixed(4)), raw: attempt.score, min: 0, max: attempt.total }
  const outcome = {
    actor: setting.actor,
    verb: attempt.passed ? verb(verbs.passed, 'passed') : verb(verbs.failed, 'failed'),
    object: moduleActivity(setting),
    result: { score, success: attempt.passed },
    context: context(setting, { withParent: false }),
    timestamp: now(),
  }
  const completed = attempt.passed
    ? [
        {
          actor: setting.actor,
          verb: verb(verbs.completed, 'completed'),
          object: moduleActivity(setting),
          result: { completion: true, success: true, score },
          context: context(setting, { withParent: false }),
          timestamp: now(),
        },
      ]
    : []
  return [...answered, outcome, ...completed]
}
