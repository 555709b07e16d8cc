import { randomUUID } from 'node:crypto'
import Sqlite from 'better-sqlite3'
import postgres from 'postgres'
import { indexStatement } from '#app/lib/xapi/model/statement-index.ts'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'

// The baseline of `npm run bench:lrs`: the rows the LRS writes for statements (the statement row and its
// agent and activity index rows), inserted through the same driver with prepared SQL and nothing else: no
// HTTP, no validation, no ORM, no lock, no duplicate check. One transaction per `perTransaction` statements,
// from `clients` concurrent loops (on SQLite they take turns on the one connection, as the app's do).

type Json = Record<string, unknown>
type AgentArg = Parameters<typeof agentKey>[0]

interface RawRow {
  statement: [string, string, string, string, string | null, string | null, number, number, string]
  agents: [string, string][]
  activities: [string, string][]
}

const authority = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'raw-baseline' } }

function rawRow(statement: Json): RawRow {
  const id = randomUUID()
  const now = Date.now()
  const full = { ...statement, id, stored: new Date(now).toISOString(), authority, version: '1.0.0' }
  const object = statement.object as Json
  const context = statement.context as Json | undefined
  const index = indexStatement(full)
  return {
    statement: [
      id,
      JSON.stringify(full),
      agentKey(statement.actor as AgentArg),
      String((statement.verb as Json).id),
      (object.objectType ?? 'Activity') === 'Activity' ? String(object.id) : null,
      typeof context?.registration === 'string' ? context.registration : null,
      now,
      now,
      agentKey(authority as AgentArg),
    ],
    agents: index.agents.map((a) => [a.agentKey, a.relation]),
    activities: index.activities.map((a) => [a.activityId, a.relation]),
  }
}

export interface RawInsertResult {
  statements: number
  seconds: number
}

/** Inserts `statements` raw; returns how long it took. */
export async function rawInserts({
  databaseUrl,
  statements,
  perTransaction,
  clients,
}: {
  databaseUrl: string
  statements: Json[]
  perTransaction: number
  clients: number
}): Promise<RawInsertResult> {
  const rows = statements.map(rawRow)
  const groups: RawRow[][] = []
  for (let start = 0; start < rows.length; start += perTransaction)
    groups.push(rows.slice(start, start + perTransaction))
  const started = performance.now()
  if (databaseUrl.startsWith('file:')) await sqliteInserts(databaseUrl.slice('file:'.length), groups, clients)
  else await postgresInserts(databaseUrl, groups, clients)
  return { statements: rows.length, seconds: (performance.now() - started) / 1000 }
}

async function sqliteInserts(file: string, groups: RawRow[][], clients: number) {
  const client = new Sqlite(file)
  client.pragma('journal_mode = WAL')
  client.pragma('synchronous = NORMAL')
  client.pragma('busy_timeout = 5000')
  const insertStatement = client.prepare(
    `insert into xapi_statements (id, statement, actor_key, verb_id, object_activity_id, registration, timestamp, stored, authority_key)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning seq`,
  )
  const insertAgent = client.prepare(
    'insert into xapi_statement_agents (statement_seq, agent_key, relation) values (?, ?, ?)',
  )
  const insertActivity = client.prepare(
    'insert into xapi_statement_activities (statement_seq, activity_id, relation) values (?, ?, ?)',
  )
  const write = client.transaction((group: RawRow[]) => {
    for (const row of group) {
      const { seq } = insertStatement.get(...row.statement) as { seq: number }
      for (const agent of row.agents) insertAgent.run(seq, ...agent)
      for (const activity of row.activities) insertActivity.run(seq, ...activity)
    }
  })
  // Concurrent clients of one SQLite connection take turns; yielding between transactions lets them.
  let next = 0
  const loop = async () => {
    while (next < groups.length) {
      write(groups[next++] as RawRow[])
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  await Promise.all(Array.from({ length: clients }, loop))
  client.close()
}

async function postgresInserts(url: string, groups: RawRow[][], clients: number) {
  const sql = postgres(url, { max: clients, onnotice: () => undefined })
  let next = 0
  const loop = async () => {
    while (next < groups.length) {
      const group = groups[next++] as RawRow[]
      await sql.begin(async (tx) => {
        const statementRows = group.map((row) => {
          const [id, statement, actor, verb, activity, registration, timestamp, stored, authorityKey] = row.statement
          return {
            id,
            statement: JSON.parse(statement) as Json,
            actor_key: actor,
            verb_id: verb,
            object_activity_id: activity,
            registration,
            timestamp: new Date(timestamp),
            stored: new Date(stored),
            authority_key: authorityKey,
          }
        })
        const inserted = await tx`insert into xapi_statements ${tx(statementRows as never)} returning seq`
        const agents = group.flatMap((row, i) =>
          row.agents.map(([agent, relation]) => ({
            statement_seq: inserted[i]?.seq as number,
            agent_key: agent,
            relation,
          })),
        )
        const activities = group.flatMap((row, i) =>
          row.activities.map(([activity, relation]) => ({
            statement_seq: inserted[i]?.seq as number,
            activity_id: activity,
            relation,
          })),
        )
        if (agents.length > 0) await tx`insert into xapi_statement_agents ${tx(agents as never)}`
        if (activities.length > 0) await tx`insert into xapi_statement_activities ${tx(activities as never)}`
      })
    }
  }
  await Promise.all(Array.from({ length: clients }, loop))
  await sql.end()
}
