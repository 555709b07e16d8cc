import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { newId } from '../new-id.ts'

// Keep in step with ./postgres.ts: same tables, same columns, same JavaScript types (schema-parity test).
const timestampMs = (name: string) => integer(name, { mode: 'timestamp_ms' })
const createdAt = () =>
  timestampMs('created_at')
    .notNull()
    .$defaultFn(() => new Date())

export const users = sqliteTable('users', {
  id: text('id').primaryKey().$defaultFn(newId),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  passwordChangedAt: timestampMs('password_changed_at'),
})

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestampMs('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
)

export const orgUnits = sqliteTable(
  'org_units',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['icb', 'organisation', 'directorate', 'team'] }).notNull(),
    parentId: text('parent_id').references((): AnySQLiteColumn => orgUnits.id),
    createdAt: createdAt(),
  },
  (table) => [index('org_units_parent_id_idx').on(table.parentId)],
)

export const orgUnitClosure = sqliteTable(
  'org_unit_closure',
  {
    ancestorId: text('ancestor_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    descendantId: text('descendant_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    depth: integer('depth').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.ancestorId, table.descendantId] }),
    index('org_unit_closure_descendant_idx').on(table.descendantId),
  ],
)

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    teamId: text('team_id')
      .notNull()
      .references(() => orgUnits.id),
    roleProfile: text('role_profile').notNull(),
    jobTitle: text('job_title'),
    createdAt: createdAt(),
  },
  (table) => [index('memberships_team_id_idx').on(table.teamId)],
)

export const managerAssignments = sqliteTable(
  'manager_assignments',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgUnitId: text('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.orgUnitId] }),
    index('manager_assignments_org_unit_idx').on(table.orgUnitId),
  ],
)

export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    key: text('key').notNull(),
    occurredAt: timestampMs('occurred_at').notNull(),
  },
  (table) => [index('sign_in_failures_key_time_idx').on(table.key, table.occurredAt)],
)

/** Where each person last was in each module, so they resume there. */
export const moduleBookmarks = sqliteTable(
  'module_bookmarks',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleSlug: text('module_slug').notNull(),
    section: integer('section').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.moduleSlug] })],
)
