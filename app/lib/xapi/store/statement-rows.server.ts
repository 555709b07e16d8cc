import { sql } from 'drizzle-orm'
import { type Database, dialect, queryRows, runSql } from '#app/lib/db.server.ts'
import type { StatementIndex } from '#app/lib/xapi/model/statement-index.ts'
import type { xapiStatements } from '#db/schema/postgres.ts'

// Writing a statement's row and its index rows is the whole of most requests' work, so it is written as a few
// SQL statements of fixed text whatever the number of rows: the rows travel as one JSON parameter each. On
// PostgreSQL the three inserts are one statement (a round trip each cost more than the insert, and the write
// lock is held across them); on SQLite, where there are no round trips, the fixed text lets the prepared
// statement be reused instead of building and preparing new SQL for every batch size
// (docs/decisions/016-lrs-at-scale.md).

type StatementInsert = typeof xapiStatements.$inferInsert

export interface NewStatement {
  row: Required<
    Pick<
      StatementInsert,
      | 'id'
      | 'statement'
      | 'actorKey'
      | 'verbId'
      | 'objectActivityId'
      | 'objectStatementId'
      | 'registration'
      | 'timestamp'
      | 'stored'
      | 'authorityKey'
      | 'clientId'
      | 'userId'
    >
  >
  index: StatementIndex
}

export interface InsertedStatements {
  /** The `seq` of each statement inserted, by id; an id already stored is left as it was and is absent. */
  seqById: Map<string, number>
  /**
   * Statements stored earlier that refer (a StatementRef) to one inserted now: found by the insert itself, as
   * the StatementRef index needs them for every write (./statement-ref-index.server.ts).
   */
  earlierReferrers: { referringSeq: number; targetId: string }[]
}

/** Inserts the statements whose id is not stored yet, in the order given, with their index rows. */
export async function insertNewStatements(tx: Database, statements: NewStatement[]): Promise<InsertedStatements> {
  if (statements.length === 0) return { seqById: new Map(), earlierReferrers: [] }
  return dialect() === 'postgres' ? insertOnPostgres(tx, statements) : insertOnSqlite(tx, statements)
}

const statementColumns = (statement: NewStatement['row']) => ({
  id: statement.id,
  statement: statement.statement,
  actor_key: statement.actorKey,
  verb_id: statement.verbId,
  object_activity_id: statement.objectActivityId,
  object_statement_id: statement.objectStatementId,
  registration: statement.registration,
  authority_key: statement.authorityKey,
  client_id: statement.clientId,
  user_id: statement.userId,
})

async function insertOnPostgres(tx: Database, statements: NewStatement[]): Promise<InsertedStatements> {
  const input = statements.map(({ row }, ord) => ({
    ...statementColumns(row),
    ord,
    timestamp: row.timestamp.toISOString(),
    stored: row.stored.toISOString(),
  }))
  const agents = statements.flatMap(({ row, index }) =>
    index.agents.map((agent) => ({ id: row.id, agent_key: agent.agentKey, relation: agent.relation })),
  )
  const activities = statements.flatMap(({ row, index }) =>
    index.activities.map((activity) => ({ id: row.id, activity_id: activity.activityId, relation: activity.relation })),
  )
  // Index rows join the statements this statement inserted, so a statement already stored gets none twice.
  // Their foreign keys are checked at the statement's end, when the statement rows exist. The earlier
  // referrers are read in the same snapshot, which does not hold the rows inserted here.
  const rows = await queryRows<{ id: string; seq: number | null; referring_seq: number | null }>(
    tx,
    sql`with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as r(
        ord integer, id text, statement jsonb, actor_key text, verb_id text, object_activity_id text,
        object_statement_id text, registration text, "timestamp" timestamptz, stored timestamptz,
        authority_key text, client_id text, user_id text)
    ), inserted as (
      insert into xapi_statements (id, statement, actor_key, verb_id, object_activity_id, object_statement_id,
        registration, "timestamp", stored, authority_key, client_id, user_id)
      select id, statement, actor_key, verb_id, object_activity_id, object_statement_id, registration,
        "timestamp", stored, authority_key, client_id, user_id
      from input order by ord
      on conflict (id) do nothing
      returning seq, id
    ), agents as (
      insert into xapi_statement_agents (statement_seq, agent_key, relation)
      select inserted.seq, a.agent_key, a.relation
      from jsonb_to_recordset(${JSON.stringify(agents)}::jsonb) as a(id text, agent_key text, relation text)
      join inserted on inserted.id = a.id
    ), activities as (
      insert into xapi_statement_activities (statement_seq, activity_id, relation)
      select inserted.seq, a.activity_id, a.relation
      from jsonb_to_recordset(${JSON.stringify(activities)}::jsonb) as a(id text, activity_id text, relation text)
      join inserted on inserted.id = a.id
    )
    select id, seq, null::bigint as referring_seq from inserted
    union all
    select inserted.id, null, referring.seq
    from inserted join xapi_statements referring on referring.object_statement_id = inserted.id`,
    { keepPrepared: true },
  )
  const seqById = new Map<string, number>()
  const earlierReferrers: InsertedStatements['earlierReferrers'] = []
  for (const row of rows) {
    if (row.referring_seq === null) seqById.set(row.id, Number(row.seq))
    else earlierReferrers.push({ referringSeq: Number(row.referring_seq), targetId: row.id })
  }
  return { seqById, earlierReferrers }
}

async function insertOnSqlite(tx: Database, statements: NewStatement[]): Promise<InsertedStatements> {
  const input = statements.map(({ row }) => ({
    ...statementColumns(row),
    timestamp: row.timestamp.getTime(),
    stored: row.stored.getTime(),
  }))
  // `where true` tells SQLite's parser that the `on conflict` belongs to the insert, not to a join.
  const rows = await queryRows<{ id: string; seq: number }>(
    tx,
    sql`insert into xapi_statements (id, statement, actor_key, verb_id, object_activity_id, object_statement_id,
        registration, "timestamp", stored, authority_key, client_id, user_id)
      select value->>'id', value->'statement', value->>'actor_key', value->>'verb_id', value->>'object_activity_id',
        value->>'object_statement_id', value->>'registration', value->>'timestamp', value->>'stored',
        value->>'authority_key', value->>'client_id', value->>'user_id'
      from json_each(${JSON.stringify(input)}) where true order by key
      on conflict (id) do nothing
      returning seq, id`,
  )
  const seqById = new Map(rows.map((row) => [row.id, Number(row.seq)]))
  const agents = statements.flatMap(({ row, index }) => {
    const seq = seqById.get(row.id)
    return seq === undefined ? [] : index.agents.map((agent) => [seq, agent.agentKey, agent.relation])
  })
  const activities = statements.flatMap(({ row, index }) => {
    const seq = seqById.get(row.id)
    return seq === undefined ? [] : index.activities.map((activity) => [seq, activity.activityId, activity.relation])
  })
  if (agents.length > 0)
    await runSql(
      tx,
      sql`insert into xapi_statement_agents (statement_seq, agent_key, relation)
        select value->>0, value->>1, value->>2 from json_each(${JSON.stringify(agents)})`,
    )
  if (activities.length > 0)
    await runSql(
      tx,
      sql`insert into xapi_statement_activities (statement_seq, activity_id, relation)
        select value->>0, value->>1, value->>2 from json_each(${JSON.stringify(activities)})`,
    )
  if (seqById.size === 0) return { seqById, earlierReferrers: [] }
  // Statements of this batch that refer to each other are among these too; the index takes each pair once.
  const earlierReferrers = await queryRows<{ referringSeq: number; targetId: string }>(
    tx,
    sql`select seq as referringSeq, object_statement_id as targetId from xapi_statements
      where object_statement_id in (select value from json_each(${JSON.stringify([...seqById.keys()])}))`,
  )
  return { seqById, earlierReferrers }
}
