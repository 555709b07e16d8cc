import { parseForm } from '#app/lib/forms/parse-form.ts'
import { acceptedAnswers, answerField, knowledgeCheckFormSchema } from './knowledge-check-form.ts'
import type { ModuleSource } from './module-source.server.ts'
import type { Question } from './module.schema.ts'

/** What the browser may see of a question bank: prompts and options, never which options are correct. */
export function publicQuestions(module: ModuleSource) {
  return (module.questions?.questions ?? []).map((question) => ({
    id: question.id,
    prompt: question.prompt,
    type: question.type,
    options: question.options.map((option) => ({ id: option.id, text: option.text })),
  }))
}

export type Answers = Record<string, string[]>

/**
 * Reads a submitted knowledge check. The answers given are kept even when some are missing, so the form
 * can show them again; `errors` then says which questions to answer, keyed by their fields.
 */
export function answersFromForm(formData: FormData, module: ModuleSource) {
  const questions = module.questions?.questions ?? []
  const form = parseForm(formData, knowledgeCheckFormSchema(questions))
  const answers: Answers = {}
  for (const question of questions) {
    const submitted = form.values[answerField(question.id)]
    answers[question.id] = acceptedAnswers(question, Array.isArray(submitted) ? submitted : [])
  }
  const unanswered = questions.filter((question) => answers[question.id]?.length === 0).map((q) => q.id)
  return { answers, unanswered, errors: form.ok ? null : form.errors }
}

function isRight(question: Question, chosen: string[]): boolean {
  const correct = question.options.filter((o) => o.correct).map((o) => o.id)
  return chosen.length === correct.length && correct.every((id) => chosen.includes(id))
}

/** Marks a knowledge check. A question is right when exactly the correct options were chosen. */
export function gradeKnowledgeCheck({ module, answers }: { module: ModuleSource; answers: Answers }) {
  const questions = module.questions?.questions ?? []
  const marked = questions.map((question) => {
    const chosen = answers[question.id] ?? []
    return {
      id: question.id,
      prompt: question.prompt,
      type: question.type,
      correct: isRight(question, chosen),
      options: question.options.map((option) => ({
        id: option.id,
        text: option.text,
        chosen: chosen.includes(option.id),
        correct: option.correct === true,
      })),
      explanation: question.explanation ?? null,
    }
  })
  const score = marked.filter((q) => q.correct).length
  const total = marked.length
  const scaled = total === 0 ? 0 : score / total
  const passMark = module.frontmatter.passMark
  return {
    slug: module.slug,
    version: module.version,
    score,
    total,
    scaled,
    percent: Math.round(scaled * 100),
    passMark,
    passed: scaled * 100 >= passMark,
    questions: marked,
  }
}

export type GradedAttempt = ReturnType<typeof gradeKnowledgeCheck>
