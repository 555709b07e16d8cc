import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'
import { queryStatements, type StatementFilters } from './statement-query.server.ts'
import { storeStatements } from './statement-store.server.ts'

// The StatementRef rule of queries: a statement that refers to a statement matching the filters matches too,
// whichever of the two was stored first, and only through all the filters at once.

const authority = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'lms' } }
const store = (...statements: Record<string, unknown>[]) =>
  storeStatements({ statements, authority, version: '1.0.3', project: false })
const learner = (name: string) => ({ objectType: 'Agent', account: { homePage: 'https://lms.example.org', name } })
const keyOf = (agent: Record<string, unknown>) => agentKey(agent as Parameters<typeof agentKey>[0])
const ids = async (filters: StatementFilters) =>
  (await queryStatements(filters)).statements.map((row) => row.statement.id)

describe('statements that refer to a matching statement', () => {
  test('match the target’s agent, verb, activity and registration, stored before or after it', async () => {
    const [ada, bo] = [learner('ada'), learner('bo')]
    const registration = randomUUID()
    const targetId = randomUUID()
    const target = {
      id: targetId,
      actor: ada,
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
      object: { id: 'https://content.example.org/q1' },
      context: { registration, contextActivities: { parent: [{ id: 'https://content.example.org/m1' }] } },
    }
    const comment = (id: string) => ({
      id,
      actor: bo,
      verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
      object: { objectType: 'StatementRef', id: targetId },
    })
    const before = randomUUID()
    const after = randomUUID()
    await store(comment(before))
    await store(target)
    await store(comment(after))

    const both = [after, targetId, before]
    expect(await ids({ agentKey: keyOf(ada) })).toEqual(both)
    expect(await ids({ verb: 'http://adlnet.gov/expapi/verbs/answered' })).toEqual(both)
    expect(await ids({ activity: 'https://content.example.org/q1' })).toEqual(both)
    expect(await ids({ activity: 'https://content.example.org/m1', relatedActivities: true })).toEqual(both)
    expect(await ids({ registration })).toEqual(both)
    expect(await ids({ agentKey: keyOf(ada), verb: 'http://adlnet.gov/expapi/verbs/answered' })).toEqual(both)
    expect(await ids({ agentKey: keyOf(ada), ascending: true })).toEqual([...both].reverse())
    // The comments are Bo's own; the target is not about Bo.
    expect(await ids({ agentKey: keyOf(bo) })).toEqual([after, before])
    // All the filters must hold of the target: Bo commenting is not the target answering.
    expect(await ids({ agentKey: keyOf(bo), verb: 'http://adlnet.gov/expapi/verbs/answered' })).toEqual([])
    expect(await ids({ activity: 'https://content.example.org/m1' })).toEqual([])
  })

  test('pages through both kinds in stored order', async () => {
    const cy = learner('cy')
    const stored: string[] = []
    for (let i = 0; i < 5; i++) {
      const id = randomUUID()
      await store({
        id,
        actor: cy,
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: 'https://content.example.org/p' },
      })
      const ref = randomUUID()
      await store({
        id: ref,
        actor: learner('dee'),
        verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
        object: { objectType: 'StatementRef', id },
      })
      stored.push(id, ref)
    }
    const seen: unknown[] = []
    let after: number | undefined
    for (;;) {
      const page = await queryStatements({ agentKey: keyOf(cy), limit: 3, after })
      seen.push(...page.statements.map((row) => row.statement.id))
      if (page.nextAfter === null) break
      after = page.nextAfter
    }
    expect(seen).toEqual([...stored].reverse())
  })

  test('related activities: each statement once, paged both ways, voided ones left out', async () => {
    const module = `https://content.example.org/${randomUUID()}`
    const stored: string[] = []
    for (let i = 0; i < 6; i++) {
      const id = randomUUID()
      // The module named twice (parent and grouping): still one statement in the answer.
      await store({
        id,
        actor: learner('eve'),
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
        object: { id: `${module}/q${i}` },
        context: { contextActivities: { parent: [{ id: module }], grouping: [{ id: module }] } },
      })
      stored.push(id)
    }
    const comment = randomUUID()
    await store({
      id: comment,
      actor: learner('fay'),
      verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
      object: { objectType: 'StatementRef', id: stored[0] },
    })
    // The voided statement goes; the voiding one refers to it, so it matches like the comment.
    const voiding = randomUUID()
    await store({
      id: voiding,
      actor: learner('eve'),
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: stored[2] },
    })
    const expected = [...stored.slice(0, 2), ...stored.slice(3), comment, voiding]
    for (const ascending of [false, true]) {
      const seen: unknown[] = []
      let after: number | undefined
      for (;;) {
        const page = await queryStatements({ activity: module, relatedActivities: true, limit: 2, ascending, after })
        seen.push(...page.statements.map((row) => row.statement.id))
        if (page.nextAfter === null) break
        after = page.nextAfter
      }
      expect(seen).toEqual(ascending ? expected : [...expected].reverse())
    }
  })
})
