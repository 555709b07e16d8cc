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

/** A section of a module, to link back to. */
export interface SectionLink {
  number: number
  title: string
}

/**
 * What the learner is shown of a marked check. After a pass: every question with the answer key and
 * explanations. After a fail: only which questions were wrong and the section that teaches each (or the
 * module's sections when a question names none), so the right answers stay on the server and a retry
 * still tests something.
 */
export type LearnerResult =
  | (ResultFigures & { passed: true; questions: GradedAttempt['questions'] })
  | (ResultFigures & {
      passed: false
      wrong: { number: number; prompt: string; section: SectionLink | null }[]
      sections: SectionLink[]
    })

interface ResultFigures {
  slug: string
  score: number
  total: number
  percent: number
  passMark: number
}

export function resultForLearner({ attempt, module }: { attempt: GradedAttempt; module: ModuleSource }): LearnerResult {
  const figures = {
    slug: attempt.slug,
    score: attempt.score,
    total: attempt.total,
    percent: attempt.percent,
    passMark: attempt.passMark,
  }
  if (attempt.passed) return { ...figures, passed: true, questions: attempt.questions }
  // The last section holds the questions themselves: it teaches nothing to go back to.
  const sections = module.outline.sections
    .map((section, index) => ({ number: index + 1, title: section.title }))
    .filter((section, index, all) => all.length === 1 || index < all.length - 1)
  const bank = module.questions?.questions ?? []
  const wrong = attempt.questions.flatMap((marked, index) => {
    if (marked.correct) return []
    const number = bank.find((question) => question.id === marked.id)?.section
    const section = module.outline.sections[(number ?? 0) - 1]
    return [
      {
        number: index + 1,
        prompt: marked.prompt,
        section: number !== undefined && section ? { number, title: section.title } : null,
      },
    ]
  })
  return { ...figures, passed: false, wrong, sections }
}
