import { z } from 'zod'
import { roleProfileSchema } from '#app/lib/org/role-profiles.ts'
import { levelSchema } from './framework.schema.ts'

export const moduleSlugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'module folders are lower-case words joined by hyphens')

export const frontmatterSchema = z.strictObject({
  title: z.string({ error: 'title is required' }).min(3).max(90),
  summary: z.string({ error: 'summary is required' }).min(10).max(240),
  minutes: z.number({ error: 'minutes is required' }).int().min(1).max(20),
  competencies: z
    .array(z.strictObject({ id: z.string(), level: levelSchema }), { error: 'competencies is required' })
    .min(1, 'map the module to at least one competency'),
  audience: z.array(roleProfileSchema, { error: 'audience is required' }).min(1, 'name at least one role profile'),
  passMark: z.number({ error: 'passMark is required' }).int().min(1).max(100),
  status: z.enum(['draft', 'published'], { error: 'status must be draft or published' }),
  updated: z.string({ error: 'updated is required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'updated is a date like 2026-11-20'),
  objectives: z.array(z.string().min(3)).min(1, 'list what the learner will learn').max(6),
})

export type Frontmatter = z.infer<typeof frontmatterSchema>

const optionSchema = z.strictObject({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string().min(1),
  correct: z.boolean().optional(),
})

const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'question ids are lower-case words joined by hyphens'),
    prompt: z.string().min(5),
    type: z.enum(['single', 'multiple']),
    options: z.array(optionSchema).min(2, 'a question needs at least two options').max(6),
    explanation: z.string().optional(),
    /** The section (numbered from 1) that teaches this question; a failed check points the learner back to it. */
    section: z.number().int().positive('section is a section number, counting from 1').optional(),
  })
  .superRefine((question, ctx) => {
    const correct = question.options.filter((o) => o.correct).length
    if (question.type === 'single' && correct !== 1) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a single-choice question needs exactly one correct answer (this one has ${correct})` })
    }
    if (question.type === 'multiple' && correct < 1) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a multiple-choice question needs at least one correct answer' })
    }
    const seen = new Set<string>()
    question.options.forEach((option, index) => {
      if (seen.has(option.id)) ctx.addIssue({ code: 'custom', path: ['options', index, 'id'], message: `option id ${option.id} is used twice` })
      seen.add(option.id)
    })
  })

export const questionBankSchema = z
  .strictObject({ questions: z.array(questionSchema).min(3, 'a knowledge check has three to five questions').max(5, 'a knowledge check has three to five questions') })
  .superRefine((bank, ctx) => {
    const seen = new Set<string>()
    bank.questions.forEach((question, index) => {
      if (seen.has(question.id)) ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `question id ${question.id} is used twice` })
      seen.add(question.id)
    })
  })

export type QuestionBank = z.infer<typeof questionBankSchema>
export type Question = QuestionBank['questions'][number]
