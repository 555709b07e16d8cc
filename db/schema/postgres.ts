import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { newId } from '#db/new-id.ts'

// Keep in step with ./sqlite.ts: same tables, same columns, same JavaScript types (schema-parity test).
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' })
    .notNull()
    .$defaultFn(() => new Date())

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    /** How someone signs in and is reached; never a key: it changes, and a role mailbox can be shared. */
    email: text('email'),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: createdAt(),
    passwordChangedAt: timestamptz('password_changed_at'),
    /** From HR: a person is their organisation's code and their employee number there. */
    organisationCode: text('organisation_code'),
    employeeNumber: text('employee_number'),
    /** Set while someone cannot sign in: they left (missing from their organisation's staff list) or an admin said so. */
    suspendedAt: timestamptz('suspended_at'),
    suspendedBy: text('suspended_by', { enum: ['import', 'admin'] }),
    lastSignInAt: timestamptz('last_sign_in_at'),
    /** An administrator's choice of team or role profile that imports keep (and report) instead of HR's. */
    teamOverrideId: text('team_override_id').references((): AnyPgColumn => orgUnits.id),
    roleProfileOverride: text('role_profile_override'),
  },
  (table) => [
    index('users_email_idx').on(table.email),
    uniqueIndex('users_employee_idx').on(table.organisationCode, table.employeeNumber),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    /** Set on a shared computer: the session ends after this long without a request (and expiresAt slides). */
    idleTimeoutMs: integer('idle_timeout_ms'),
    /** The single sign-on provider it was started with (its id), or null for a password. */
    signInProvider: text('sign_in_provider'),
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
    /** Closed units keep their history (past memberships, reports) but take no one new. */
    closedAt: timestamptz('closed_at'),
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

/**
 * Who was in which team with which role profile, and when: memberships is the current row of each person,
 * this keeps every period, so that past weeks' figures do not change when someone moves or leaves.
 */
export const membershipHistory = pgTable(
  'membership_history',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    teamId: text('team_id')
      .notNull()
      .references(() => orgUnits.id),
    roleProfile: text('role_profile').notNull(),
    startedAt: timestamptz('started_at').notNull(),
    endedAt: timestamptz('ended_at'),
  },
  (table) => [
    index('membership_history_team_idx').on(table.teamId),
    index('membership_history_user_idx').on(table.userId, table.startedAt),
  ],
)

/** A post someone holds, as HR's staff list describes it; their primary one decides their team. */
export const staffAssignments = pgTable(
  'staff_assignments',
  {
    assignmentNumber: text('assignment_number').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unitId: text('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    positionTitle: text('position_title'),
    staffGroup: text('staff_group'),
    jobRole: text('job_role'),
    isPrimary: boolean('is_primary').notNull(),
    status: text('status').notNull(),
    active: boolean('active').notNull(),
    /** Calendar days (YYYY-MM-DD) as HR gives them. */
    startDate: text('start_date'),
    endDate: text('end_date'),
    lineManagerEmployeeNumber: text('line_manager_employee_number'),
    lineManagerAssignmentNumber: text('line_manager_assignment_number'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (table) => [
    index('staff_assignments_user_idx').on(table.userId),
    index('staff_assignments_unit_idx').on(table.unitId),
  ],
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
    /** 'import': from line-manager links, recomputed by each import; 'admin': granted by hand, never touched by one. */
    source: text('source', { enum: ['admin', 'import'] })
      .notNull()
      .default('admin'),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.orgUnitId, table.source] }),
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

// ---- Learning Record Store (xAPI). docs/decisions/005-learning-record-store.md ----

/** Third-party systems that may call /xapi with HTTP Basic auth; the secret is stored only as a hash. */
export const lrsClients = pgTable('lrs_clients', {
  id: text('id').primaryKey().$defaultFn(newId),
  name: text('name').notNull(),
  key: text('key').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  trustedForEvidence: boolean('trusted_for_evidence').notNull().default(false),
  createdAt: createdAt(),
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
})

/** Append-only: each statement as stored (the JSON returned to readers) plus the columns queries filter on. */
export const xapiStatements = pgTable(
  'xapi_statements',
  {
    seq: integer('seq').primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull().unique(),
    statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
    actorKey: text('actor_key').notNull(),
    verbId: text('verb_id').notNull(),
    objectActivityId: text('object_activity_id'),
    objectStatementId: text('object_statement_id'),
    registration: text('registration'),
    // For a statement whose object is a StatementRef: the target's verb and registration, copied when both are
    // stored, so that the StatementRef rule of queries is an index lookup (docs/decisions/016-lrs-at-scale.md).
    refVerbId: text('ref_verb_id'),
    refRegistration: text('ref_registration'),
    timestamp: timestamp('timestamp', { withTimezone: true, mode: 'date' }).notNull(),
    stored: timestamp('stored', { withTimezone: true, mode: 'date' }).notNull(),
    authorityKey: text('authority_key').notNull(),
    isVoided: boolean('is_voided').notNull().default(false),
    clientId: text('client_id'),
    userId: text('user_id'),
  },
  (table) => [
    // Every query walks one of these in `seq` order (the order of `stored`) and stops at the page's end.
    index('xapi_statements_stored_seq_idx').on(table.stored, table.seq),
    index('xapi_statements_verb_seq_idx').on(table.verbId, table.seq),
    index('xapi_statements_registration_seq_idx').on(table.registration, table.seq),
    index('xapi_statements_object_statement_idx').on(table.objectStatementId),
    index('xapi_statements_ref_verb_seq_idx')
      .on(table.refVerbId, table.seq)
      .where(sql`${table.refVerbId} is not null`),
    index('xapi_statements_ref_registration_seq_idx')
      .on(table.refRegistration, table.seq)
      .where(sql`${table.refRegistration} is not null`),
  ],
)

/** Every agent a statement mentions: `related = false` for actor and object, true for the rest too. */
export const xapiStatementAgents = pgTable(
  'xapi_statement_agents',
  {
    statementSeq: integer('statement_seq')
      .notNull()
      .references(() => xapiStatements.seq),
    agentKey: text('agent_key').notNull(),
    relation: text('relation').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.agentKey, table.statementSeq, table.relation] }),
    index('xapi_statement_agents_statement_idx').on(table.statementSeq),
  ],
)

/** Every activity a statement mentions: its object, and context activities or sub-statement ones. */
export const xapiStatementActivities = pgTable(
  'xapi_statement_activities',
  {
    statementSeq: integer('statement_seq')
      .notNull()
      .references(() => xapiStatements.seq),
    activityId: text('activity_id').notNull(),
    relation: text('relation').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.activityId, table.statementSeq, table.relation] }),
    index('xapi_statement_activities_statement_idx').on(table.statementSeq),
  ],
)

/** Attachment content, stored once per SHA-2 however many statements carry it. */
export const xapiAttachments = pgTable('xapi_attachments', {
  sha2: text('sha2').primaryKey(),
  contentType: text('content_type').notNull(),
  length: integer('length').notNull(),
  contentBase64: text('content_base64').notNull(),
  createdAt: createdAt(),
})

/** The latest definition of each activity, for the Activities resource. */
export const xapiActivities = pgTable('xapi_activities', {
  id: text('id').primaryKey(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
})

/** State, Activity Profile and Agent Profile documents, with ETags for concurrency control. */
export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    kind: text('kind', { enum: ['state', 'activity-profile', 'agent-profile'] }).notNull(),
    activityId: text('activity_id').notNull(),
    agentKey: text('agent_key').notNull(),
    registration: text('registration').notNull(),
    documentId: text('document_id').notNull(),
    contentType: text('content_type').notNull(),
    contentBase64: text('content_base64').notNull(),
    etag: text('etag').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    uniqueIndex('xapi_documents_key_idx').on(
      table.kind,
      table.activityId,
      table.agentKey,
      table.registration,
      table.documentId,
    ),
    index('xapi_documents_updated_idx').on(table.kind, table.activityId, table.agentKey, table.updatedAt),
  ],
)

// ---- Projections: read models rebuilt from xapi_statements (npm run projections:rebuild). ----
// Written only by app/lib/learning/projections/; every value comes from statements, so a replay gives the same rows.

/** One attempt at a module: the statements that share a registration. */
export const moduleAttempts = pgTable(
  'module_attempts',
  {
    registration: text('registration').primaryKey(),
    userId: text('user_id').notNull(),
    moduleSlug: text('module_slug').notNull(),
    status: text('status', { enum: ['in-progress', 'completed', 'passed', 'failed'] }).notNull(),
    bestScaled: doublePrecision('best_scaled'),
    sectionsSeen: integer('sections_seen').notNull(),
    contentVersion: text('content_version'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('module_attempts_user_idx').on(table.userId, table.moduleSlug)],
)

/** A competency shown at a level by a trusted pass of a module mapped to it. */
export const competencyEvidence = pgTable(
  'competency_evidence',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    userId: text('user_id').notNull(),
    competencyId: text('competency_id').notNull(),
    level: integer('level').notNull(),
    moduleSlug: text('module_slug').notNull(),
    statementId: text('statement_id').notNull(),
    achievedAt: timestamp('achieved_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('competency_evidence_user_idx').on(table.userId, table.competencyId),
    index('competency_evidence_expiry_idx').on(table.expiresAt),
  ],
)

/** A learner's latest rating of themselves against a competency (not evidence). */
export const selfRatings = pgTable(
  'self_ratings',
  {
    userId: text('user_id').notNull(),
    competencyId: text('competency_id').notNull(),
    current: integer('current').notNull(),
    target: integer('target'),
    statementId: text('statement_id').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.competencyId] })],
)

/**
 * When a learner was ready at a level in a domain: every competency of the domain evidenced at that level
 * or higher from `readyFrom` until `readyUntil` (null: no expiry in sight). Derived from competency
 * evidence alone (not from role profiles), rewritten whenever a learner's evidence changes; reports
 * compare it with each person's role target at any date, which keeps them fast at ICB scale.
 */
export const readinessPeriods = pgTable(
  'readiness_periods',
  {
    userId: text('user_id').notNull(),
    domainId: text('domain_id').notNull(),
    level: integer('level').notNull(),
    readyFrom: timestamp('ready_from', { withTimezone: true, mode: 'date' }).notNull(),
    readyUntil: timestamp('ready_until', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.domainId, table.level, table.readyFrom] }),
    index('readiness_periods_domain_idx').on(table.domainId, table.level),
  ],
)

/**
 * Per team: how many of its people met their role target in a domain (domain_id '*': in every domain) from
 * ready_from until ready_until, kept with readiness_periods and memberships so that reports above team
 * level add up a few rows per team instead of reading every person (docs/decisions/007-team-rollups.md).
 */
export const teamReadiness = pgTable(
  'team_readiness',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    domainId: text('domain_id').notNull(),
    readyFrom: timestamp('ready_from', { withTimezone: true, mode: 'date' }).notNull(),
    readyUntil: timestamp('ready_until', { withTimezone: true, mode: 'date' }),
    ready: integer('ready').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.domainId, table.readyFrom] })],
)

/** Per team: its people, and how many of them have self-assessed; kept with memberships and self_ratings. */
export const teamHeadcounts = pgTable('team_headcounts', {
  teamId: text('team_id')
    .primaryKey()
    .references(() => orgUnits.id, { onDelete: 'cascade' }),
  people: integer('people').notNull(),
  selfAssessed: integer('self_assessed').notNull(),
})

/** Per team: how many people were in it from counted_from until counted_until (membership_history, added up). */
export const teamHeadcountSpans = pgTable(
  'team_headcount_spans',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    countedFrom: timestamptz('counted_from').notNull(),
    countedUntil: timestamptz('counted_until'),
    people: integer('people').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.countedFrom] })],
)

/** Which rules and content a derived table was computed with: team rollups depend on the role targets. */
export const projectionVersions = pgTable('projection_versions', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
})

/**
 * Work a manager set: one module, or (moduleSlug null) everything the person's role targets need, for a
 * unit (everyone in it and below) or one person, due by `dueAt`. When `recurs`, it comes round again as
 * the module's evidence expires (the framework's refresh period).
 */
export const assignments = pgTable(
  'assignments',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    moduleSlug: text('module_slug'),
    unitId: text('unit_id').references(() => orgUnits.id),
    userId: text('user_id').references(() => users.id),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    recurs: boolean('recurs').notNull().default(false),
    assignedBy: text('assigned_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('assignments_unit_idx').on(table.unitId), index('assignments_user_idx').on(table.userId)],
)

// ---- Workforce administration: staff imports and the audit log. ----

/**
 * Every change an administrator or an import makes to people, units and rights. Appended, never updated or
 * deleted; names are copied in so that an entry reads the same after the person or unit is renamed.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey().generatedAlwaysAsIdentity(),
    at: timestamptz('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    importRunId: text('import_run_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type', { enum: ['person', 'unit', 'job', 'setting', 'course'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    subjectName: text('subject_name').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  (table) => [
    index('audit_events_at_idx').on(table.at),
    index('audit_events_subject_idx').on(table.subjectType, table.subjectId, table.at),
    index('audit_events_actor_idx').on(table.actorId, table.at),
    index('audit_events_action_idx').on(table.action, table.at),
  ],
)

/** One staff import: previewed, then applied (or not); its counts, planned changes and row problems. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    createdAt: createdAt(),
    startedBy: text('started_by').references(() => users.id),
    startedByName: text('started_by_name').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileBytes: integer('file_bytes').notNull(),
    status: text('status', { enum: ['previewed', 'applied', 'refused', 'failed', 'discarded'] }).notNull(),
    /** Counts per kind of change and per organisation (ImportSummary). */
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    /** Every planned change, for the preview and its CSV. */
    changes: jsonb('changes').$type<unknown[]>(),
    /** Row-level problems (line, field, value, message), for the error report. */
    problems: jsonb('problems').$type<unknown[]>(),
    /** Why the whole file could not be read, when it could not. */
    fileProblem: text('file_problem'),
    appliedAt: timestamptz('applied_at'),
    appliedBy: text('applied_by').references(() => users.id),
  },
  (table) => [index('import_runs_created_idx').on(table.createdAt)],
)

/** The uploaded file of a web import, kept until it is applied so that any app instance can apply it. */
export const importFiles = pgTable('import_files', {
  runId: text('run_id')
    .primaryKey()
    .references(() => importRuns.id, { onDelete: 'cascade' }),
  contentBase64: text('content_base64').notNull(),
})

// ---- Background work and email (docs/decisions/012-durable-jobs.md). ----

/**
 * Durable background work: emails and anything slow. Enqueued in the transaction of the change that causes it,
 * claimed with a lease by any instance's worker, retried with backoff, dead-lettered on a permanent failure.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Makes enqueueing idempotent: a second job with the same key is not added while the first is kept. */
    dedupeKey: text('dedupe_key'),
    state: text('state', { enum: ['queued', 'running', 'done', 'dead', 'cancelled'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: timestamptz('run_at').notNull(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: timestamptz('finished_at'),
  },
  (table) => [
    uniqueIndex('jobs_dedupe_key_idx').on(table.dedupeKey),
    index('jobs_due_idx').on(table.state, table.runAt),
    index('jobs_finished_idx').on(table.finishedAt),
  ],
)

/** A "forgotten password" link: only the SHA-256 of its token is kept; single use, short-lived. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (table) => [index('password_reset_tokens_user_idx').on(table.userId)],
)

// ---- Reminders and email preferences (docs/decisions/013-reminders-and-email.md, 014). ----

/** A kind of email someone has turned off (a row per kind; none means they get everything). */
export const notificationOptOuts = pgTable(
  'notification_opt_outs',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
)

/** Kinds of email an administrator has made mandatory: sent whatever people have chosen. */
export const notificationRules = pgTable('notification_rules', {
  kind: text('kind').primaryKey(),
  mandatory: boolean('mandatory').notNull().default(false),
  updatedAt: timestamptz('updated_at').notNull(),
  updatedBy: text('updated_by').references(() => users.id),
})

/**
 * Every reminder planned for someone, keyed by (person, subject, kind, period), so that planning twice sends
 * nothing twice; kept after the job is tidied away, to count sends (overdue at most 4 times) and the daily cap.
 */
export const reminderSends = pgTable(
  'reminder_sends',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What it is about: "module:<slug>", "role-targets", "competency:<id>", "new-work", "teams". */
    subject: text('subject').notNull(),
    kind: text('kind').notNull(),
    /** Which occurrence: a due date, an overdue week, an expiry day, a day or an ISO week. */
    period: text('period').notNull(),
    /** The UTC day (YYYY-MM-DD) it was planned for: the daily cap counts these. */
    plannedOn: text('planned_on').notNull(),
    jobId: text('job_id'),
    createdAt: createdAt(),
    cancelledAt: timestamptz('cancelled_at'),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.subject, table.kind, table.period] }),
    index('reminder_sends_day_idx').on(table.userId, table.plannedOn),
    // Sending finds an email's ledger rows by its job; cancelling marks them by job.
    index('reminder_sends_job_idx').on(table.jobId),
  ],
)

// ---- Single sign-on (docs/decisions/015-single-sign-on.md). ----

/**
 * An account at a single sign-on provider linked to a person. The key is (provider, issuer, subject): for
 * Microsoft Entra ID the tenant id and the object id (tid, oid), for other providers the issuer and `sub`; never
 * an email address, which can change. The email is the last one the provider gave, kept only to show.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    email: text('email'),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (table) => [
    uniqueIndex('user_identities_key_idx').on(table.provider, table.issuer, table.subject),
    // One account per provider for a person: a second can never be linked beside (or instead of) the first.
    uniqueIndex('user_identities_user_provider_idx').on(table.userId, table.provider),
  ],
)

/**
 * How the people of one organisation sign in: with a password, through single sign-on only, or either; which
 * providers and (for Microsoft Entra ID) which tenants are trusted; which email domains those sign-ins vouch
 * for; whether someone unknown is added for an administrator to place; and whom to contact. No row: passwords.
 */
export const signInSettings = pgTable('sign_in_settings', {
  unitId: text('unit_id')
    .primaryKey()
    .references(() => orgUnits.id, { onDelete: 'cascade' }),
  methods: text('methods', { enum: ['password', 'sso', 'both'] }).notNull(),
  providers: jsonb('providers').$type<string[]>().notNull(),
  tenantIds: jsonb('tenant_ids').$type<string[]>().notNull(),
  emailDomains: jsonb('email_domains').$type<string[]>().notNull(),
  createUnknown: boolean('create_unknown').notNull().default(false),
  helpContact: text('help_contact'),
  updatedAt: timestamptz('updated_at').notNull(),
  updatedBy: text('updated_by').references(() => users.id),
})

// ---- Third-party cmi5 courses (docs/decisions/017-cmi5-courses.md). ----

/**
 * A cmi5 course imported by an administrator, one row per course IRI (`courseId`, the publisher's id). Importing
 * the same course again replaces its structure and files; `packageHash` names the files it now serves.
 */
export const courses = pgTable('courses', {
  id: text('id').primaryKey().$defaultFn(newId),
  courseId: text('course_id').notNull().unique(),
  title: jsonb('title').$type<Record<string, string>>().notNull(),
  description: jsonb('description').$type<Record<string, string>>().notNull(),
  /** The parsed course structure (blocks, AUs, objectives) as imported. */
  structure: jsonb('structure').$type<Record<string, unknown>>().notNull(),
  packageHash: text('package_hash').notNull(),
  importedBy: text('imported_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamptz('updated_at').notNull(),
})

/**
 * One assignable unit of a course, in course order. `activityId` is the id the platform gives the AU at launch
 * (distinct from the publisher's `auId`, as cmi5 requires), stable across re-imports of the same course.
 */
export const courseAus = pgTable(
  'course_aus',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    courseRowId: text('course_row_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    auId: text('au_id').notNull(),
    activityId: text('activity_id').notNull().unique(),
    position: integer('position').notNull(),
    title: jsonb('title').$type<Record<string, string>>().notNull(),
    description: jsonb('description').$type<Record<string, string>>().notNull(),
    url: text('url').notNull(),
    launchMethod: text('launch_method', { enum: ['AnyWindow', 'OwnWindow'] }).notNull(),
    moveOn: text('move_on', {
      enum: ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'],
    }).notNull(),
    masteryScore: doublePrecision('mastery_score'),
    launchParameters: text('launch_parameters'),
    entitlementKey: text('entitlement_key'),
    activityType: text('activity_type'),
    /** Publisher ids of the blocks that contain this AU, outermost first. */
    blockIds: jsonb('block_ids').$type<string[]>().notNull(),
    removedAt: timestamptz('removed_at'),
  },
  (table) => [uniqueIndex('course_aus_course_au_idx').on(table.courseRowId, table.auId)],
)

/** A course package's files, once per package hash, served from the platform's own origin. */
export const courseFiles = pgTable(
  'course_files',
  {
    packageHash: text('package_hash').notNull(),
    path: text('path').notNull(),
    contentType: text('content_type').notNull(),
    length: integer('length').notNull(),
    contentBase64: text('content_base64').notNull(),
  },
  (table) => [primaryKey({ columns: [table.packageHash, table.path] })],
)

/** A learner's one registration for a course: every launch of its AUs shares it. */
export const courseRegistrations = pgTable(
  'course_registrations',
  {
    registration: text('registration').primaryKey(),
    courseRowId: text('course_row_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    satisfiedAt: timestamptz('satisfied_at'),
  },
  (table) => [uniqueIndex('course_registrations_course_user_idx').on(table.courseRowId, table.userId)],
)

/**
 * One launch of an AU. The fetch token (one use) and the AU's LRS credentials are stored only as hashes; the
 * credentials let the AU write only for this session's actor and registration.
 */
export const courseSessions = pgTable(
  'course_sessions',
  {
    id: text('id').primaryKey(),
    registration: text('registration')
      .notNull()
      .references(() => courseRegistrations.registration, { onDelete: 'cascade' }),
    auRowId: text('au_row_id')
      .notNull()
      .references(() => courseAus.id, { onDelete: 'cascade' }),
    launchMode: text('launch_mode', { enum: ['Normal', 'Browse', 'Review'] }).notNull(),
    fetchTokenHash: text('fetch_token_hash').notNull().unique(),
    fetchedAt: timestamptz('fetched_at'),
    authKey: text('auth_key').notNull().unique(),
    authSecretHash: text('auth_secret_hash').notNull(),
    launchedAt: timestamptz('launched_at').notNull(),
    initializedAt: timestamptz('initialized_at'),
    terminatedAt: timestamptz('terminated_at'),
    abandonedAt: timestamptz('abandoned_at'),
  },
  (table) => [index('course_sessions_registration_idx').on(table.registration, table.auRowId)],
)

/**
 * Where each AU of a registration stands, projected from the registration's statements (rebuild replays them):
 * what the AU reported (completed, passed, failed) and what the platform decided (satisfied, waived).
 */
export const courseAuProgress = pgTable(
  'course_au_progress',
  {
    registration: text('registration').notNull(),
    auRowId: text('au_row_id')
      .notNull()
      .references(() => courseAus.id, { onDelete: 'cascade' }),
    completedAt: timestamptz('completed_at'),
    passedAt: timestamptz('passed_at'),
    failedAt: timestamptz('failed_at'),
    satisfiedAt: timestamptz('satisfied_at'),
    waivedAt: timestamptz('waived_at'),
    waivedReason: text('waived_reason'),
  },
  (table) => [primaryKey({ columns: [table.registration, table.auRowId] })],
)
