import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import {
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

// Before each test file: a database of its own, cloned from the migrated template.
const dialect = testDialect()
const serverUrl = postgresServerUrl()
const runId = inject('testRunId')
const label = `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
let cleanup: () => Promise<void>

if (dialect === 'sqlite') {
  const file = path.join(tmpDir, `test-${label}.sqlite`)
  fs.copyFileSync(sqliteTemplate(runId), file)
  process.env.DATABASE_URL = `file:${file}`
  cleanup = async () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  }
} else if (serverUrl) {
  const name = `${pgDatabasePrefix(runId)}${label}`
  await onAdminConnection((sql) => sql.unsafe(`create database ${name} template ${pgTemplateName(runId)}`))
  process.env.DATABASE_URL = withDatabaseName(serverUrl, name)
  cleanup = () =>
    onAdminConnection((sql) => sql.unsafe(`drop database if exists ${name} with (force)`)).then(() => undefined)
} else {
  const dir = path.join(tmpDir, `pglite-${label}`)
  fs.cpSync(pgliteTemplate(runId), dir, { recursive: true })
  process.env.DATABASE_URL = `pglite:${dir}`
  cleanup = async () => fs.rmSync(dir, { recursive: true, force: true })
}

afterAll(async () => {
  const { closeDatabase } = await import('#app/lib/db.server.ts')
  await closeDatabase()
  await cleanup()
})
