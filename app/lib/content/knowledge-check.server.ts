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

export type PublicQuestion = ReturnType<typeof publicQuestions>[number]
export type Answers = Record<string, string[]>

/** Reads answers from a submitted form: field `q:<questionId>`, one value per chosen option. */
export function answersFromForm(formData: FormData, module: ModuleSource): { answers: Answers; unanswered: string[] } {
  const answers: Answers = {}
  const unanswered: string[] = []
  for (const question of module.questions?.questions ?? []) {
    const known = new Set(question.options.map((o) => o.id))
    const chosen = [...new Set(formData.getAll(`q:${question.id}`).map(String))].filter((id) => known.has(id))
    const accepted = question.type === 'single' ? chosen.slice(0, 1) : chosen
    answers[question.id] = accepted
    if (accepted.length === 0) unanswered.push(question.id)
  }
  return { answers, unanswered }
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
