import fs from 'node:fs'
import type { Sql } from 'postgres'
import type { TestProject } from 'vitest/node'
import { connect } from '#app/lib/db.server.ts'
import {
  freshDirectory,
  onAdminConnection,
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
  let templateUrl: string
  if (dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(sqliteTemplate + suffix, { force: true })
    templateUrl = `file:${sqliteTemplate}`
  } else if (serverUrl) {
    await onAdminConnection(async (sql) => {
      await dropTestDatabases(sql)
      await sql.unsafe(`create database ${pgTemplateName}`)
    })
    templateUrl = withDatabaseName(serverUrl, pgTemplateName)
  } else {
    freshDirectory(pgliteTemplate)
    templateUrl = `pglite:${pgliteTemplate}`
  }
  const template = connect(templateUrl)
  await template.migrate('db/migrations')
  await template.close()
  if (dialect === 'sqlite') {
    // Fold the WAL into the main file so a plain file copy is a complete database.
    const Sqlite = (await import('better-sqlite3')).default
    const file = new Sqlite(sqliteTemplate)
    file.pragma('journal_mode = DELETE')
    file.close()
  }
  console.log(`[${dialect}] test databases: ${dialect === 'sqlite' ? 'SQLite files' : serverUrl ? 'PostgreSQL server (TEST_POSTGRES_URL)' : 'PGlite (embedded Postgres)'}`)

  return async () => {
    if (dialect === 'postgres' && serverUrl) await onAdminConnection(dropTestDatabases)
  }
}

async function dropTestDatabases(sql: Sql) {
  const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname like 'skills_test_%'`
  for (const { datname } of rows) await sql.unsafe(`drop database if exists "${datname}" with (force)`)
}
