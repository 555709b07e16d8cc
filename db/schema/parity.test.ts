import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, expectTypeOf, test } from 'vitest'
import * as pg from './postgres.ts'
import * as sqlite from './sqlite.ts'

// Lib code is written once against the Postgres types and runs on SQLite too; this is what makes that safe.
type Shape = {
  table: string
  columns: {
    name: string
    jsType: string
    notNull: boolean
    primaryKey: boolean
    unique: boolean
    hasDefault: boolean
  }[]
  primaryKeys: string[][]
  indexes: string[]
  foreignKeys: string[]
}

function describeTables(schema: Record<string, unknown>, dialect: 'pg' | 'sqlite'): Record<string, Shape> {
  const shapes: Record<string, Shape> = {}
  for (const [exportName, value] of Object.entries(schema)) {
    if (!(value instanceof PgTable) && !(value instanceof SQLiteTable)) continue
    const config = dialect === 'pg' ? pgTableConfig(value as PgTable) : sqliteTableConfig(value as SQLiteTable)
    shapes[exportName] = {
      table: config.name,
      columns: config.columns
        .map((column) => ({
          name: column.name,
          jsType: column.dataType,
          notNull: column.notNull,
          primaryKey: column.primary,
          unique: column.isUnique,
          hasDefault: column.hasDefault,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
      indexes: config.indexes.map((index) => index.config.name ?? '(unnamed)').sort(),
      foreignKeys: config.foreignKeys
        .map((fk) => {
          const ref = fk.reference()
          return `${ref.columns.map((c) => c.name).join(',')}->${ref.foreignColumns.map((c) => c.name).join(',')} on delete ${fk.onDelete ?? 'no action'}`
        })
        .sort(),
    }
  }
  return shapes
}

describe('the SQLite and Postgres schemas', () => {
  const pgShapes = describeTables(pg, 'pg')
  const sqliteShapes = describeTables(sqlite, 'sqlite')

  test('export the same tables', () => {
    expect(Object.keys(sqliteShapes).sort()).toEqual(Object.keys(pgShapes).sort())
    expect(Object.keys(pgShapes).length).toBeGreaterThan(5)
  })

  test.each(Object.keys(pgShapes))('%s has the same columns, types, keys and indexes', (name) => {
    expect(sqliteShapes[name]).toEqual(pgShapes[name])
  })

  test('rows have the same TypeScript types', () => {
    expectTypeOf<typeof sqlite.users.$inferSelect>().toEqualTypeOf<typeof pg.users.$inferSelect>()
    expectTypeOf<typeof sqlite.sessions.$inferSelect>().toEqualTypeOf<typeof pg.sessions.$inferSelect>()
    expectTypeOf<typeof sqlite.orgUnits.$inferSelect>().toEqualTypeOf<typeof pg.orgUnits.$inferSelect>()
    expectTypeOf<typeof sqlite.orgUnitClosure.$inferSelect>().toEqualTypeOf<typeof pg.orgUnitClosure.$inferSelect>()
    expectTypeOf<typeof sqlite.memberships.$inferSelect>().toEqualTypeOf<typeof pg.memberships.$inferSelect>()
    expectTypeOf<typeof sqlite.managerAssignments.$inferSelect>().toEqualTypeOf<
      typeof pg.managerAssignments.$inferSelect
    >()
    expectTypeOf<typeof sqlite.signInFailures.$inferSelect>().toEqualTypeOf<typeof pg.signInFailures.$inferSelect>()
    expectTypeOf<typeof sqlite.lrsClients.$inferSelect>().toEqualTypeOf<typeof pg.lrsClients.$inferSelect>()
    expectTypeOf<typeof sqlite.xapiStatements.$inferSelect>().toEqualTypeOf<typeof pg.xapiStatements.$inferSelect>()
    expectTypeOf<typeof sqlite.xapiStatementAgents.$inferSelect>().toEqualTypeOf<
      typeof pg.xapiStatementAgents.$inferSelect
    >()
    expectTypeOf<typeof sqlite.xapiStatementActivities.$inferSelect>().toEqualTypeOf<
      typeof pg.xapiStatementActivities.$inferSelect
    >()
    expectTypeOf<typeof sqlite.xapiAttachments.$inferSelect>().toEqualTypeOf<typeof pg.xapiAttachments.$inferSelect>()
    expectTypeOf<typeof sqlite.xapiActivities.$inferSelect>().toEqualTypeOf<typeof pg.xapiActivities.$inferSelect>()
    expectTypeOf<typeof sqlite.xapiDocuments.$inferSelect>().toEqualTypeOf<typeof pg.xapiDocuments.$inferSelect>()
    expectTypeOf<typeof sqlite.moduleAttempts.$inferSelect>().toEqualTypeOf<typeof pg.moduleAttempts.$inferSelect>()
    expectTypeOf<typeof sqlite.competencyEvidence.$inferSelect>().toEqualTypeOf<
      typeof pg.competencyEvidence.$inferSelect
    >()
    expectTypeOf<typeof sqlite.selfRatings.$inferSelect>().toEqualTypeOf<typeof pg.selfRatings.$inferSelect>()
    expectTypeOf<typeof sqlite.readinessPeriods.$inferSelect>().toEqualTypeOf<typeof pg.readinessPeriods.$inferSelect>()
    expectTypeOf<typeof sqlite.teamReadiness.$inferSelect>().toEqualTypeOf<typeof pg.teamReadiness.$inferSelect>()
    expectTypeOf<typeof sqlite.teamHeadcounts.$inferSelect>().toEqualTypeOf<typeof pg.teamHeadcounts.$inferSelect>()
    expectTypeOf<typeof sqlite.projectionVersions.$inferSelect>().toEqualTypeOf<
      typeof pg.projectionVersions.$inferSelect
    >()
    expectTypeOf<typeof sqlite.assignments.$inferSelect>().toEqualTypeOf<typeof pg.assignments.$inferSelect>()
  })
})
