import { describe, expect, test } from 'vitest'
import { findModule } from '#app/lib/content/catalogue.server.ts'
import { createTeam, createUser } from '#tests/factories.ts'
import { startAttempt, submitKnowledgeCheck } from './module-attempt.server.ts'
import { myLearning } from './my-learning.server.ts'

describe("a learner's home", () => {
  test('a new learner is short in every domain and is pointed at modules that close the biggest gaps', async () => {
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    const home = await myLearning({ user })
    expect(home.readiness).toHaveLength(6)
    expect(home.readiness.every((d) => !d.ready && d.level === 0)).toBe(true)
    expect(home.next.length).toBeGreaterThan(0)
    expect(home.next[0]?.reason).toMatch(/^Takes .* from level 0 to 1/)
    expect(home.completed).toEqual([])
  })

  test('passing a module lists it as completed with its score and moves what is next', async () => {
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    const module = findModule({ slug: 'spotting-phishing', includeDrafts: false })
    if (!module) throw new Error('module missing')
    await startAttempt({ user, module })
    await submitKnowledgeCheck({
      user,
      module,
      answers: {
        'urgent-mailbox': ['report'],
        'check-link': ['hover'],
        clicked: ['tell-it'],
        'nhsmail-report': ['spamreports'],
      },
    })
    const home = await myLearning({ user })
    expect(home.completed).toMatchObject([{ slug: 'spotting-phishing', percent: 100 }])
    expect(home.next.map((n) => n.slug)).not.toContain('spotting-phishing')
    // SAFE.1 is evidenced, but SAFE is only as strong as its weakest competency.
    expect(home.readiness.find((d) => d.domainId === 'SAFE')).toMatchObject({ level: 0, ready: false })
  })
})
