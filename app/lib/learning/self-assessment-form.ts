import { z } from 'zod'
import type { Domain } from '#app/lib/content/framework.schema.ts'

// One domain's self-assessment screen as a form; shared by the page (field names) and its action (schema).

/** The form fields of one competency. */
export const currentLevelField = (competencyId: string) => `current:${competencyId}`
export const targetLevelField = (competencyId: string) => `target:${competencyId}`

const CURRENT_LEVELS = ['0', '1', '2', '3', '4'] as const
const TARGET_LEVELS = ['1', '2', '3', '4'] as const

/** Every competency needs "where I am now" (0 = not yet); "where I need to be" is optional. */
export function selfAssessmentFormSchema(domain: Pick<Domain, 'competencies'>) {
  const fields = domain.competencies.flatMap((competency) => {
    // A missing answer must not count as 0 ("not yet"): only a chosen option does.
    const current = z
      .enum(CURRENT_LEVELS, { error: `Choose where you are now for ${competency.name}` })
      .transform(Number)
    const target = z.enum(TARGET_LEVELS).transform(Number).nullable().catch(null)
    return [
      [currentLevelField(competency.id), current],
      [targetLevelField(competency.id), target],
    ] as const
  })
  return (
    z
      .object({ intent: z.enum(['next', 'leave']).catch('next'), ...Object.fromEntries(fields) })
      // The keys are built from the framework, so zod cannot type them; each was validated just above.
      .transform(({ intent, ...levels }) => ({
        intent,
        ratings: domain.competencies.map((competency) => ({
          competencyId: competency.id,
          current: levels[currentLevelField(competency.id)] as number,
          target: levels[targetLevelField(competency.id)] as number | null,
        })),
      }))
  )
}
