import { type AnyPgColumn, boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { newId } from '../new-id.ts'

// Keep in step with ./sqlite.ts: same tables, same columns, same JavaScript types (schema-parity test).
const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' })
    .notNull()
    .$defaultFn(() => new Date())

export const users = pgTable('users', {
  id: text('id').primaryKey().$defaultFn(newId),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  isAdmin: boolean('is_admin').notNull().default(false),
  createdAt: createdAt(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
})

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
)

export const orgUnits = pgTable(
  'org_units',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['icb', 'organisation', 'directorate', 'team'] }).notNull(),
    parentId: text('parent_id').references((): AnyPgColumn => orgUnits.id),
    createdAt: createdAt(),
  },
  (table) => [index('org_units_parent_id_idx').on(table.parentId)],
)

export const orgUnitClosure = pgTable(
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

export const memberships = pgTable(
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

export const managerAssignments = pgTable(
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

export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    key: text('key').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('sign_in_failures_key_time_idx').on(table.key, table.occurredAt)],
)

/** Where each person last was in each module, so they resume there. */
export const moduleBookmarks = pgTable(
  'module_bookmarks',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleSlug: text('module_slug').notNull(),
    section: integer('section').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.moduleSlug] })],
)
