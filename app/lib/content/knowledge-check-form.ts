import { z } from 'zod'
import type { Question } from './module.schema.ts'

// A module's knowledge check as a form; shared by the page (field names) and its action (schema).

/** The form field of a question: one value per chosen option. */
export const answerField = (questionId: string) => `q:${questionId}`

/** The options chosen that belong to the question, once each; the first only, for a single-answer question. */
export function acceptedAnswers(question: Question, chosen: readonly string[]): string[] {
  const known = new Set(question.options.map((o) => o.id))
  const accepted = [...new Set(chosen)].filter((id) => known.has(id))
  return question.type === 'single' ? accepted.slice(0, 1) : accepted
}

/** Every question needs an answer, and only its own options count. */
export function knowledgeCheckFormSchema(questions: Question[]) {
  return z.object(
    Object.fromEntries(
      questions.map((question, index) => [
        answerField(question.id),
        z
          .array(z.string())
          .transform((chosen) => acceptedAnswers(question, chosen))
          .refine((accepted) => accepted.length > 0, `Answer question ${index + 1}`),
      ]),
    ),
  )
}
