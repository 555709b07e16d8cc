import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { findModule } from './catalogue.server.ts'
import { answersFromForm, gradeKnowledgeCheck, publicQuestions } from './knowledge-check.server.ts'

const root = path.resolve('content')
const phishing = findModule({ slug: 'spotting-phishing', includeDrafts: false, root })
if (!phishing) throw new Error('the spotting-phishing module is missing')
const rightAnswers = { 'urgent-mailbox': ['report'], 'check-link': ['hover'], clicked: ['tell-it'], 'nhsmail-report': ['spamreports'] }

describe('knowledge checks', () => {
  test('what the browser receives has prompts and options but nothing about which are right', () => {
    const sent = JSON.stringify(publicQuestions(phishing))
    expect(sent).toContain('Forward it as an attachment to spamreports@nhs.net')
    expect(sent).not.toMatch(/correct|explanation/i)
    for (const question of phishing.questions?.questions ?? []) {
      if (question.explanation) expect(sent).not.toContain(question.explanation)
    }
  })

  test('all right: full marks and a pass', () => {
    const result = gradeKnowledgeCheck({ module: phishing, answers: rightAnswers })
    expect(result).toMatchObject({ score: 4, total: 4, scaled: 1, percent: 100, passMark: 75, passed: true })
  })

  test('exactly the pass mark passes; one less fails', () => {
    const threeRight = gradeKnowledgeCheck({ module: phishing, answers: { ...rightAnswers, clicked: ['wait'] } })
    expect(threeRight).toMatchObject({ score: 3, percent: 75, passed: true })
    const twoRight = gradeKnowledgeCheck({ module: phishing, answers: { ...rightAnswers, clicked: ['wait'], 'check-link': ['open'] } })
    expect(twoRight).toMatchObject({ score: 2, percent: 50, passed: false })
    const feedback = twoRight.questions.find((q) => q.id === 'clicked')
    expect(feedback?.correct).toBe(false)
    expect(feedback?.options.find((o) => o.id === 'tell-it')).toMatchObject({ correct: true, chosen: false })
  })

  test('the form gives one answer per single-choice question and ignores options that do not exist', () => {
    const form = new FormData()
    form.append('q:urgent-mailbox', 'report')
    form.append('q:urgent-mailbox', 'sign-in')
    form.append('q:check-link', 'made-up')
    const { answers, unanswered } = answersFromForm(form, phishing)
    expect(answers['urgent-mailbox']).toEqual(['report'])
    expect(unanswered).toEqual(['check-link', 'clicked', 'nhsmail-report'])
  })
})
