import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { dialect, transaction } from '#app/lib/db.server.ts'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'
import { firstStatements, learnerAgentOf, lrsVerbs, lrsWorkload, moduleIri, questionIri } from '#tests/lrs-workload.ts'
import { queryShapes, type ShapeSubjects } from '#tests/lrs-query-shapes.ts'
import { fullScans, statementQueryPlans } from './statement-query-plan.server.ts'
import { storeStatements } from './statement-store.server.ts'

// Every filter shape of GET /xapi/statements must be answered by walking an index, never by reading the
// statement tables whole: the plans are checked here, so a change that turns a filter into a scan fails.
// On PostgreSQL sequential scans are switched off for the check, so the test asks whether an index serves the
// shape at all (the planner's choice on a big table is what `npm run bench:lrs` prints).

const shape = { agents: 40, modules: 6, questionsPerModule: 3, seed: 7 }
let subjects: ShapeSubjects

beforeAll(async () => {
  const statements = [...firstStatements(lrsWorkload(shape), 600)]
  const authority = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'lms' } }
  for (let start = 0; start < statements.length; start += 100)
    await storeStatements({
      statements: statements.slice(start, start + 100),
      authority,
      version: '1.0.3',
      project: false,
    })
  const agent = learnerAgentOf(3)
  const registration = String((statements[0]?.context as { registration: string }).registration)
  subjects = {
    agent: { json: agent, key: agentKey(agent as Parameters<typeof agentKey>[0]) },
    verb: lrsVerbs.answered,
    activity: questionIri(2, 1),
    parentActivity: moduleIri(2),
    registration,
    since: new Date(Date.now() - 60_000),
    until: new Date(),
    pageAfter: 300,
  }
})

describe('statement queries use an index for every filter shape', () => {
  test.each(queryShapesNames())('%s', async (name) => {
    const query = queryShapes(subjects).find((candidate) => candidate.name === name)
    if (!query) throw new Error(`no shape ${name}`)
    const plans = await transaction(async (tx) => {
      if (dialect() === 'postgres') await tx.execute(sql`set local enable_seqscan = off`)
      return statementQueryPlans(query.filters)
    })
    expect(plans.length).toBeGreaterThan(0)
    for (const plan of plans) {
      const unfiltered = name === 'no filter, limit 10'
      // Unfiltered, SQLite walks the table in seq order and stops after the page: that is the one scan allowed.
      if (unfiltered && dialect() === 'sqlite') expect(plan).toEqual(['SCAN xapi_statements'])
      else expect(fullScans(plan), plan.join('\n')).toEqual([])
      // A sort of the whole result instead of an ordered walk would read every match before the first page.
      if (dialect() === 'sqlite' && !name.startsWith('agent') && !name.startsWith('activity'))
        expect(plan.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY')
    }
  })
})

function queryShapesNames(): string[] {
  const placeholder = new Date(0)
  return queryShapes({
    agent: { json: {}, key: '' },
    verb: '',
    activity: '',
    parentActivity: '',
    registration: '',
    since: placeholder,
    until: placeholder,
    pageAfter: 0,
  }).map((candidate) => candidate.name)
}
