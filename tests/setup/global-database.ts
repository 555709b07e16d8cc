import fs from 'node:fs'
import type { Sql } from 'postgres'
import type { TestProject } from 'vitest/node'
import { connect } from '#app/lib/db.server.ts'
import {
  freshDirectory,
  onAdminConnection,
  pgDatabasePrefix,
  pgliteTemplate,
  pgTemplateName,
  postgresServerUrl,
  sqliteTemplate,
  testDialect,
  tmpDir,
  withDatabaseName,
} from './test-databases.ts'

// Runs once per dialect project: migrate one template database that every test file clones.
export default async function setup(project: TestProject) {
  fs.mkdirSync(tmpDir, { recursive: true })
  const dialect = testDialect(project.name)
  const serverUrl = postgresServerUrl()
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  project.provide('testRunId', runId)
  let templateUrl: string
  if (dialect === 'sqlite') {
    templateUrl = `file:${sqliteTemplate(runId)}`
  } else if (serverUrl) {
    await onAdminConnection((sql) => sql.unsafe(`create database ${pgTemplateName(runId)}`))
    templateUrl = withDatabaseName(serverUrl, pgTemplateName(runId))
  } else {
    freshDirectory(pgliteTemplate(runId))
    templateUrl = `pglite:${pgliteTemplate(runId)}`
  }
  const template = connect(templateUrl)
  await template.migrate('db/migrations')
  await template.close()
  if (dialect === 'sqlite') {
    // Fold the WAL into the main file so a plain file copy is a complete database.
    const Sqlite = (await import('better-sqlite3')).default
    const file = new Sqlite(sqliteTemplate(runId))
    file.pragma('journal_mode = DELETE')
    file.close()
  }
  console.log(
    `[${dialect}] test databases: ${dialect === 'sqlite' ? 'SQLite files' : serverUrl ? 'PostgreSQL server (TEST_POSTGRES_URL)' : 'PGlite (embedded Postgres)'}`,
  )

  return async () => {
    if (dialect === 'sqlite')
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(sqliteTemplate(runId) + suffix, { force: true })
    else if (serverUrl) await onAdminConnection((sql) => dropRunDatabases(sql, runId))
    else fs.rmSync(pgliteTemplate(runId), { recursive: true, force: true })
  }
}

async function dropRunDatabases(sql: Sql, runId: string) {
  const rows = await sql<
    { datname: string }[]
  >`select datname from pg_database where starts_with(datname, ${pgDatabasePrefix(runId)})`
  for (const { datname } of rows) await sql.unsafe(`drop database if exists "${datname}" with (force)`)
}
