import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { DAY_MS } from '#app/lib/dates/dates.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { appAuthority } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { createModuleStatement } from '#tests/statements.ts'
import { createTeam, createUser, passSpottingPhishing } from '#tests/factories.ts'
import { myLearning } from './my-learning.server.ts'

describe("a learner's home", () => {
  test('a new learner is short in every domain and is pointed at modules that close the biggest gaps', async () => {
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    const home = await myLearning({ user })
    expect(home.readiness).toHaveLength(6)
    expect(home.readiness.every((d) => !d.ready && d.level === 0)).toBe(true)
    expect(home.next.length).toBeGreaterThan(0)
    expect(home.next[0]?.reason).toMatch(/^Takes .* from Not yet evidenced to Foundation/)
    expect(home.completed).toEqual([])
  })

  test('passing a module lists it as completed with its score and moves what is next', async () => {
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    await passSpottingPhishing(user)
    const home = await myLearning({ user })
    expect(home.completed).toMatchObject([{ slug: 'spotting-phishing', percent: 100 }])
    expect(home.next.map((n) => n.slug)).not.toContain('spotting-phishing')
    // SAFE.1 is evidenced, but SAFE is only as strong as its weakest competency.
    expect(home.readiness.find((d) => d.domainId === 'SAFE')).toMatchObject({ level: 0, ready: false })
  })
})

describe('evidence about to lapse', () => {
  /** A trusted pass of a module at a given time, as the app records it. */
  async function passAt(userId: string, slug: string, at: Date) {
    const registration = randomUUID()
    await storeStatements({
      statements: [
        createModuleStatement({ userId, slug, verb: 'passed', registration, at, scaled: 1 }),
        createModuleStatement({ userId, slug, verb: 'completed', registration, at }),
      ],
      authority: appAuthority({ publicUrl }) as unknown as Record<string, unknown>,
      version: '2.0.0',
      userId,
    })
  }

  test('a pass nearly a year old is flagged once, by module; passed again today, the warning goes', async () => {
    const now = new Date()
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    await passAt(user.id, 'passwords-and-mfa', new Date(now.getTime() - 352 * DAY_MS))
    const before = await myLearning({ user, now })
    expect(before.expiring).toEqual([
      {
        moduleSlug: 'passwords-and-mfa',
        title: 'Passwords, multi-factor authentication and smartcards',
        expiresAt: expect.any(Date) as Date,
      },
    ])

    await passAt(user.id, 'passwords-and-mfa', now)
    const after = await myLearning({ user, now })
    expect(after.expiring).toEqual([])
  })

  test('a newer pass of a module showing a lower level does not hide the warning: the level would still drop', async () => {
    const now = new Date()
    const user = await createUser({ team: await createTeam(), roleProfile: 'clinical' })
    await passAt(user.id, 'passwords-and-mfa', new Date(now.getTime() - 352 * DAY_MS))
    await passAt(user.id, 'spotting-phishing', now)
    const home = await myLearning({ user, now })
    expect(home.expiring.map((e) => e.moduleSlug)).toEqual(['passwords-and-mfa'])
  })
})
