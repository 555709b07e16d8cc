import type { AccountAgent } from '#app/lib/xapi/model/agents.ts'

// The self-rating statement. A learner rates themselves against one competency of the framework:
//
//   actor   the learner's account agent (learnerAgent)
//   verb    `${publicUrl}/xapi/verbs/self-assessed`
//   object  Activity `${xapiActivityBase}competencies/<competency id>`, e.g. …/competencies/SAFE.1
//   result  extensions `${publicUrl}/xapi/extensions/current-level`: integer 0–4 (0 = not yet)
//                      `${publicUrl}/xapi/extensions/target-level`: integer 1–4, optional
//
// Any authority may send it, the learner's own browser included: a self-rating is what the learner says,
// never evidence. The latest one (in storage order) per learner and competency is the projection.

export const selfAssessedVerb = (publicUrl: string) => `${publicUrl}/xapi/verbs/self-assessed`
export const currentLevelExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/current-level`
export const targetLevelExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/target-level`
export const competencyActivityId = (activityBase: string, competencyId: string) =>
  `${activityBase}competencies/${competencyId}`

export function selfRatingStatement({
  publicUrl,
  activityBase,
  actor,
  competencyId,
  current,
  target,
}: {
  publicUrl: string
  activityBase: string
  actor: AccountAgent
  competencyId: string
  current: number
  target?: number | null
}) {
  return {
    actor,
    verb: { id: selfAssessedVerb(publicUrl), display: { 'en-GB': 'self-assessed' } },
    object: {
      objectType: 'Activity' as const,
      id: competencyActivityId(activityBase, competencyId),
      definition: { type: 'http://adlnet.gov/expapi/activities/objective' },
    },
    result: {
      extensions: {
        [currentLevelExtension(publicUrl)]: current,
        ...(target == null ? {} : { [targetLevelExtension(publicUrl)]: target }),
      },
    },
    timestamp: new Date().toISOString(),
  }
}
