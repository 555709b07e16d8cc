import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'

// Where test databases come from. SQLite: a migrated template file copied per test file.
// Postgres: TEST_POSTGRES_URL's server with a template database, or PGlite when no server is given.
// Every name carries the run's id, so two runs at once (two people, one Postgres server) never collide.
export const tmpDir = path.resolve('tests/.tmp')
export const sqliteTemplate = (runId: string) => path.join(tmpDir, `template-${runId}.sqlite`)
export const pgliteTemplate = (runId: string) => path.join(tmpDir, `pglite-template-${runId}`)
export const pgTemplateName = (runId: string) => `skills_test_${runId}_template`
export const pgDatabasePrefix = (runId: string) => `skills_test_${runId}_`

declare module 'vitest' {
  interface ProvidedContext {
    testRunId: string
  }
}

export type TestDialect = 'sqlite' | 'postgres'

export function testDialect(value = process.env.TEST_DIALECT): TestDialect {
  if (value !== 'sqlite' && value !== 'postgres') throw new Error('TEST_DIALECT must be sqlite or postgres')
  return value
}

export function postgresServerUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL || undefined
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export async function onAdminConnection<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const url = postgresServerUrl()
  if (!url) throw new Error('TEST_POSTGRES_URL is not set')
  const sql = postgres(url, { max: 1, onnotice: () => undefined })
  try {
    return await work(sql)
  } finally {
    await sql.end()
  }
}

export function freshDirectory(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(dir), { recursive: true })
}
