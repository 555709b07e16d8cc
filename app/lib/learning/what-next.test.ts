import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadFramework } from '#app/lib/content/framework.server.ts'
import type { Evidence } from './readiness.ts'
import { type CandidateModule, notAlreadyAssigned, whatNext } from './what-next.ts'

const framework = loadFramework({ root: path.resolve('content') })
const now = new Date('2026-11-26T12:00:00Z')

const module = (slug: string, minutes: number, competencies: [string, number][]): CandidateModule => ({
  slug,
  title: slug,
  minutes,
  competencies: competencies.map(([id, level]) => ({ id, level, domainId: id.split('.')[0] ?? '' })),
})
const safetyEssentials = module('safety-essentials', 6, [
  ['SAFE.1', 1],
  ['SAFE.2', 1],
  ['SAFE.3', 1],
])
const phishing = module('phishing', 5, [['SAFE.1', 1]])
const learningEssentials = module('learning-essentials', 4, [
  ['LEARN.1', 1],
  ['LEARN.2', 1],
])
const wellbeing = module('wellbeing', 8, [['SAFE.3', 2]])
const modules = [phishing, learningEssentials, wellbeing, safetyEssentials]

const dataEssentials = module('data-essentials', 6, [
  ['DATA.1', 1],
  ['DATA.2', 1],
  ['DATA.3', 1],
  ['DATA.4', 1],
])
const recommend = (
  evidence: Evidence[],
  options: {
    passed?: string[]
    renewals?: string[]
    selfRated?: Record<string, number>
    extra?: CandidateModule[]
  } = {},
) =>
  whatNext({
    framework,
    roleProfile: 'clinical',
    evidence,
    modules: [...modules, ...(options.extra ?? [])],
    selfRatedLevels: new Map(Object.entries(options.selfRated ?? {})),
    passedSlugs: new Set(options.passed ?? []),
    renewalSlugs: new Set(options.renewals ?? []),
    now,
  })

describe('what to do next', () => {
  test('a module that lifts the domain with the largest gap comes first, even when a shorter one exists', () => {
    // Clinical targets: SAFE 2, LEARN 1. Both essentials lift their domain; SAFE is further from target.
    const next = recommend([])
    expect(next.map((n) => n.slug)).toEqual(['safety-essentials', 'learning-essentials', 'phishing', 'wellbeing'])
    expect(next[0]?.reason).toBe(
      'Takes Digital identity, wellbeing, safety and security from Not yet evidenced to Foundation (your role needs Independent)',
    )
    // Named as staff read it: the competency's name, never its code.
    expect(next[2]?.reason).toBe(
      'Builds “Recognises phishing and uses multi-factor authentication”, a step towards what your role needs in Digital identity, wellbeing, safety and security',
    )
  })

  test('between equal gaps, the domain the learner rated themselves lowest in comes first', () => {
    // SAFE and DATA are both 2 short for a clinical role and both essentials take 6 minutes.
    expect(recommend([], { extra: [dataEssentials] })[0]?.slug).toBe('data-essentials')
    expect(recommend([], { extra: [dataEssentials], selfRated: { SAFE: 0, DATA: 2 } })[0]?.slug).toBe(
      'safety-essentials',
    )
    expect(recommend([], { extra: [dataEssentials], selfRated: { SAFE: 2, DATA: 1 } })[0]?.slug).toBe('data-essentials')
  })

  test('passed modules drop out; once a domain meets its target its modules fall to the end', () => {
    const evidence: Evidence[] = [
      { competencyId: 'LEARN.1', level: 1, expiresAt: null },
      { competencyId: 'LEARN.2', level: 1, expiresAt: null },
    ]
    const next = recommend(evidence, { passed: ['learning-essentials'] })
    expect(next.map((n) => n.slug)).not.toContain('learning-essentials')
    expect(next[0]?.slug).toBe('safety-essentials')
  })

  test('renewals come after gap-closing modules and before the rest, even when passed', () => {
    const ready: Evidence[] = ['SAFE.1', 'SAFE.2', 'SAFE.3'].map((id) => ({
      competencyId: id,
      level: 2,
      expiresAt: null,
    }))
    const next = recommend([...ready, { competencyId: 'LEARN.1', level: 1, expiresAt: null }], {
      passed: ['phishing'],
      renewals: ['phishing'],
    })
    expect(next.map((n) => [n.slug, n.reason])).toEqual([
      [
        'learning-essentials',
        'Takes Teaching, learning and self-development from Not yet evidenced to Foundation (your role needs Foundation)',
      ],
      ['phishing', 'Keeps your level: what it showed runs out soon'],
      ['safety-essentials', 'For your role'],
      ['wellbeing', 'For your role'],
    ])
  })
})

describe('recommendations beside assigned work', () => {
  test('a module assigned and still to do is not recommended as well; one done may be', () => {
    const next = [{ slug: 'a' }, { slug: 'b' }, { slug: 'c' }]
    expect(
      notAlreadyAssigned(next, [
        { moduleSlug: 'a', status: 'due' },
        { moduleSlug: 'b', status: 'done' },
        { moduleSlug: null, status: 'overdue' },
      ]).map((item) => item.slug),
    ).toEqual(['b', 'c'])
  })
})
