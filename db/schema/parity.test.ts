import type { InferSelectModel, Table } from 'drizzle-orm'
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

/**
 * Every table a schema module exports, by export name, with the type of its rows: a table added to
 * both files is compared without naming it here, and one added to only one file breaks the comparison.
 */
type RowTypes<SchemaModule> = {
  [Name in keyof SchemaModule as SchemaModule[Name] extends Table ? Name : never]: SchemaModule[Name] extends Table
    ? InferSelectModel<SchemaModule[Name]>
    : never
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

  test('rows have the same TypeScript types, table by table', () => {
    expectTypeOf<RowTypes<typeof sqlite>>().toEqualTypeOf<RowTypes<typeof pg>>()
    expectTypeOf<keyof RowTypes<typeof pg>>().not.toBeNever()
  })
})
