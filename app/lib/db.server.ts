import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import Sqlite from 'better-sqlite3'
import type { SQL } from 'drizzle-orm'
import { type BetterSQLite3Database, drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator'
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as pgSchema from '#db/schema/postgres.ts'
import * as sqliteSchema from '#db/schema/sqlite.ts'
import { env } from './env.server.ts'

/*
 * One drizzle client per process, dialect chosen by DATABASE_URL (docs/decisions/002-dual-dialect.md).
 * Lib code is typed against the Postgres schema; the SQLite schema has the same tables, columns and
 * JavaScript types (proved by the schema-parity test), so the same query builders run on both.
 */
export type Schema = typeof pgSchema
export type Database = PgDatabase<PgQueryResultHKT, Schema>
export type Dialect = 'sqlite' | 'postgres'

interface Connection {
  dialect: Dialect
  url: string
  root: Database
  schema: Schema
  /** The transaction open in the current async context on this connection, if any (see `db()`). */
  scope: AsyncLocalStorage<Database>
  runInTransaction<T>(work: (tx: Database) => Promise<T>): Promise<T>
  migrate(migrationsRoot: string): Promise<void>
  close(): Promise<void>
}

export function connect(url: string): Connection {
  if (url.startsWith('file:')) return connectSqlite(url)
  if (url.startsWith('pglite:')) return connectPglite(url)
  return connectPostgres(url)
}

function connectSqlite(url: string): Connection {
  const filename = url.slice('file:'.length)
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true })
  const client = new Sqlite(filename)
  client.pragma('journal_mode = WAL')
  client.pragma('foreign_keys = ON')
  client.pragma('busy_timeout = 5000')
  client.pragma('synchronous = NORMAL')
  // 64 MiB of page cache rather than SQLite's 2 MiB: storing a statement touches a dozen indexes, whose upper
  // pages then stay in memory instead of being read from the file again for every insert.
  client.pragma('cache_size = -65536')
  reusePreparedStatements(client)
  const sqliteDb = drizzleSqlite(client, { schema: sqliteSchema })
  const root = sqliteDb as unknown as Database

  // better-sqlite3 runs one synchronous transaction at a time on its single connection, and drizzle's
  // sqlite transaction() rejects async callbacks. So: queue async transactions one after another on the
  // connection and drive BEGIN/COMMIT ourselves; a nested call becomes a savepoint.
  let queue: Promise<unknown> = Promise.resolve()
  let savepointCounter = 0
  const scope = new AsyncLocalStorage<Database>()
  return {
    dialect: 'sqlite',
    url,
    root,
    schema: sqliteSchema as unknown as Schema,
    scope,
    runInTransaction(work) {
      if (scope.getStore()) {
        const name = `sp_${++savepointCounter}`
        client.exec(`SAVEPOINT ${name}`)
        return work(root).then(
          (result) => {
            client.exec(`RELEASE ${name}`)
            return result
          },
          (error: unknown) => {
            client.exec(`ROLLBACK TO ${name}`)
            client.exec(`RELEASE ${name}`)
            throw error
          },
        )
      }
      const run = async () => {
        client.exec('BEGIN IMMEDIATE')
        try {
          const result = await scope.run(root, () => work(root))
          client.exec('COMMIT')
          return result
        } catch (error) {
          client.exec('ROLLBACK')
          throw error
        }
      }
      const result = queue.then(run, run)
      queue = result.catch(() => undefined)
      return result
    },
    async migrate(migrationsRoot) {
      // A migration that rebuilds a table (SQLite cannot drop NOT NULL or UNIQUE in place) drops the old one:
      // with foreign keys on, that would delete or refuse the rows that point at it. The pragma cannot change
      // inside the migrator's transaction, so it is off around it, and the references are checked afterwards.
      client.pragma('foreign_keys = OFF')
      try {
        const appliedBefore = appliedSqliteMigrations(client)
        migrateSqlite(sqliteDb, { migrationsFolder: path.join(migrationsRoot, 'sqlite') })
        // The check reads every table (most of a second at a million statements), so only after a change.
        if (appliedSqliteMigrations(client) !== appliedBefore) {
          const broken = client.pragma('foreign_key_check') as unknown[]
          if (broken.length > 0) throw new Error(`migration left ${broken.length} broken references`)
        }
      } finally {
        client.pragma('foreign_keys = ON')
      }
    },
    async close() {
      client.close()
    },
  }
}

/** How many migrations the database has had (none before the first). */
function appliedSqliteMigrations(client: Sqlite.Database): number {
  const table = client
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get()
  return table
    ? (client.prepare('select count(*) as applied from __drizzle_migrations').get() as { applied: number }).applied
    : 0
}

/**
 * drizzle asks better-sqlite3 to prepare every query afresh; preparing (parsing and planning) cost about a
 * tenth of a single-statement POST's CPU. The same SQL text gets the same prepared statement back, up to a
 * bound. Safe because nothing here iterates a statement lazily: every run finishes before the next begins;
 * and each use gets the statement in the mode it was prepared in.
 */
function reusePreparedStatements(client: Sqlite.Database, limit = 500) {
  const prepare = client.prepare.bind(client)
  const prepared = new Map<string, Sqlite.Statement>()
  client.prepare = ((source: string) => {
    let statement = prepared.get(source)
    if (statement) {
      // drizzle switches a statement to arrays (raw) when it maps the columns itself, and leaves it so;
      // a later caller of the same SQL that wants objects must get it back as it was prepared.
      if (statement.reader) statement.raw(false)
      // Most recently used last, so the oldest is dropped first.
      prepared.delete(source)
    } else {
      statement = prepare(source)
      if (prepared.size >= limit) prepared.delete(prepared.keys().next().value as string)
    }
    prepared.set(source, statement)
    return statement
  }) as typeof client.prepare
}

function connectPostgres(url: string): Connection {
  // jit off: PostgreSQL compiles a query to machine code when its estimated cost is high, which for the
  // status queries (many small correlated tests) takes seconds and saves nothing; measured, every report
  // and reminder query was as fast or faster without it (docs/decisions/002-dual-dialect.md).
  const client = postgres(url, { max: 10, onnotice: () => undefined, connection: { jit: 'off' } })
  const root = drizzlePostgres(client, { schema: pgSchema }) as unknown as Database
  return postgresConnection(url, root, {
    async migrate(migrationsRoot) {
      // Several app instances may start at once: one migrates while the others wait on the lock.
      const lockClient = postgres(url, { max: 1, onnotice: () => undefined })
      try {
        await lockClient`select pg_advisory_lock(7264501)`
        await migratePostgres(drizzlePostgres(lockClient), {
          migrationsFolder: path.join(migrationsRoot, 'postgres'),
        })
      } finally {
        await lockClient`select pg_advisory_unlock(7264501)`.catch(() => undefined)
        await lockClient.end()
      }
    },
    async close() {
      await client.end()
    },
  })
}

/** `pglite:memory` or `pglite:<directory>`: embedded Postgres, used by the tests when no server is given. */
function connectPglite(url: string): Connection {
  const location = url.slice('pglite:'.length)
  const client = location === 'memory' ? new PGlite() : new PGlite(path.resolve(location))
  const pgliteDb = drizzlePglite(client, { schema: pgSchema })
  const root = pgliteDb as unknown as Database
  return postgresConnection(url, root, {
    async migrate(migrationsRoot) {
      await migratePglite(pgliteDb, { migrationsFolder: path.join(migrationsRoot, 'postgres') })
    },
    async close() {
      await client.close()
    },
  })
}

/** Postgres through either driver: the same schema and transactions; only migrating and closing differ. */
function postgresConnection(url: string, root: Database, driver: Pick<Connection, 'migrate' | 'close'>): Connection {
  const scope = new AsyncLocalStorage<Database>()
  return {
    dialect: 'postgres',
    url,
    root,
    schema: pgSchema,
    scope,
    runInTransaction: (work) => (scope.getStore() ?? root).transaction((tx) => scope.run(tx, () => work(tx))),
    ...driver,
  }
}

// Shared through globalThis so the dev server's module reloads and the server entry reuse one client. The
// transaction scope travels with the client: this module is loaded more than once per process (server/index.ts
// and the Remix build each have a copy; the dev server and vi.resetModules load fresh ones), and `db()` in one
// copy must see a transaction that `transaction()` in another opened. A module-level scope would not: `db()`
// would answer the bare client, and its queries would run outside the transaction (on PGlite's one connection
// they wait for it to end, for ever; on a PostgreSQL pool they escape it, and can wait on its row locks).
const globalKey = Symbol.for('skills-platform.db-connection')
type GlobalWithConnection = typeof globalThis & { [globalKey]?: Connection }

function connection(): Connection {
  const holder = globalThis as GlobalWithConnection
  holder[globalKey] ??= connect(env.DATABASE_URL)
  return holder[globalKey]
}

/** The database to query: the current transaction when inside `transaction()`, else the process's client. */
export function db(): Database {
  const current = connection()
  return current.scope.getStore() ?? current.root
}

export function schema(): Schema {
  return connection().schema
}

export function dialect(): Dialect {
  return connection().dialect
}

export interface HandWrittenSqlOptions {
  /**
   * For SQL of fixed text run on a hot path (storing statements): PostgreSQL keeps it parsed and planned on
   * each connection instead of preparing it afresh every time, which was about a third of PostgreSQL's CPU
   * for a single-statement POST. Only for fixed text: every distinct text stays prepared on the connection
   * for its lifetime. (SQLite reuses prepared statements for all queries already: reusePreparedStatements.)
   */
  keepPrepared?: boolean
}

const pgDialect = new PgDialect()

/** Runs SQL written by hand and answers its rows as objects, on either dialect and either PostgreSQL driver. */
export async function queryRows<Row>(
  executor: Database,
  query: SQL,
  { keepPrepared = false }: HandWrittenSqlOptions = {},
): Promise<Row[]> {
  if (dialect() === 'sqlite') return (executor as unknown as BetterSQLite3Database).all<Row>(query)
  const result = (await (keepPrepared
    ? // drizzle keeps a query prepared only when it is given a name; its raw `execute` never is.
      executor._.session.prepareQuery(pgDialect.sqlToQuery(query), undefined, 'kept', false).execute()
    : executor.execute(query))) as unknown as Row[] | { rows: Row[] }
  // postgres.js answers with the rows; PGlite with an object holding them.
  return Array.isArray(result) ? result : result.rows
}

/** Runs SQL written by hand that answers no rows, on either dialect. */
export async function runSql(executor: Database, query: SQL, options: HandWrittenSqlOptions = {}): Promise<void> {
  if (dialect() === 'sqlite') (executor as unknown as BetterSQLite3Database).run(query)
  else await queryRows(executor, query, options)
}

/** Runs `work` in one transaction on either dialect; nested calls become savepoints. */
export function transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
  return connection().runInTransaction(work)
}

export function migrateDatabase(migrationsRoot = path.resolve('db/migrations')): Promise<void> {
  return connection().migrate(migrationsRoot)
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as GlobalWithConnection
  const current = holder[globalKey]
  delete holder[globalKey]
  await current?.close()
}
