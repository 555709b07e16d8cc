import { createHash } from 'node:crypto'
import fs from 'node:fs'
import Sqlite from 'better-sqlite3'
import { getTableColumns } from 'drizzle-orm'
import postgres from 'postgres'
import * as pgSchema from '#db/schema/postgres.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import type { ModuleSource } from '#app/lib/content/module-source.server.ts'
import { competencyIndex } from '#app/lib/content/framework.server.ts'
import type { Schema } from '#app/lib/db.server.ts'
import {
  attemptAfter,
  evidenceFrom,
  type RatingRow,
  readStatement,
  selfRatingFrom,
} from '#app/lib/learning/projections/projection-rules.ts'
import { readinessPeriods } from '#app/lib/learning/readiness-periods.ts'
import type { RoleProfileId } from '#app/lib/org/role-profiles.ts'
import { indexStatement } from '#app/lib/xapi/model/statement-index.ts'
import { agentKey, type Statement } from '#app/lib/xapi/model/statement-schema.ts'
import {
  type Catalogue,
  type FormPost,
  type Random,
  type SyntheticPerson,
  hashSeed,
  learnerPosts,
  pick,
  ROLE_MIX,
  seededRandom,
  seededUuid,
} from './synthetic-learning.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

// A synthetic integrated care board at full scale for the report benchmark (bench/reports.ts): an ICB,
// organisations, directorates and teams (with the closure table createOrgUnit keeps), people with
// memberships, role profiles and job titles, team/directorate/organisation managers and an administrator;
// then millions of xAPI statements, built with the app's own statement builders (bench/synthetic-learning.ts:
// module player and self-assessment journeys), and the projections the projector derives from them
// (module attempts, competency evidence with expiry, self-ratings, readiness periods).
//
// For speed everything goes in with multi-row inserts on a connection of its own, not through
// storeStatements and the projector: the statement rows and their index rows are what storeStatements
// writes, and the projections are what the projector derives (derived here, statement by statement, by
// LearnerProjection, which applies the projector's own rules in memory). checkAgainstApp() proves both on a sample by
// storing the same posts through storeStatements and comparing. Everything is seeded: the same settings
// give the same data.

type Json = Record<string, unknown>

export interface IcbSettings {
  people: number
  statements: number
  seed: number
}

/** Bumped whenever the generator changes what it writes, so cached databases are rebuilt. */
export const GENERATOR_VERSION = 2

// ---- The organisation -------------------------------------------------------------------------------

export interface UnitRow {
  id: string
  code: string
  name: string
  kind: 'icb' | 'organisation' | 'directorate' | 'team'
  parentId: string | null
}

export interface IcbPerson extends SyntheticPerson {
  email: string
  jobTitle: string
}

export interface IcbShape {
  icb: UnitRow
  organisations: UnitRow[]
  directorates: UnitRow[]
  teams: UnitRow[]
  people: IcbPerson[]
  /** Manager assignments: every team's manager, and a lead for each directorate and organisation. */
  managers: { userId: string; orgUnitId: string }[]
  admin: { id: string; name: string; email: string }
}

/** 80,000 people → 3,000 teams in 60 directorates in 8 organisations; smaller scales keep the proportions. */
export function icbScale(people: number) {
  const teams = Math.max(1, Math.round((people * 3000) / 80_000))
  const directorates = Math.max(1, Math.round(teams / 50))
  const organisations = Math.max(1, Math.round(directorates / 7.5))
  return { teams, directorates, organisations }
}

const FIRST_NAMES = [
  'Aisha',
  'Ben',
  'Chloe',
  'Daniel',
  'Ella',
  'Farah',
  'George',
  'Hannah',
  'Imran',
  'Jack',
  'Katie',
  'Liam',
  'Megan',
  'Noah',
  'Olivia',
  'Priya',
  'Ravi',
  'Sarah',
  'Tom',
  'Usha',
  'Vicky',
  'William',
  'Yusuf',
  'Zoe',
  'Amir',
  'Beth',
  'Callum',
  'Deborah',
  'Emeka',
  'Fiona',
]
const LAST_NAMES = [
  'Ahmed',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Fletcher',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morris',
  'Nowak',
  "O'Neill",
  'Patel',
  'Quinn',
  'Roberts',
  'Smith',
  'Taylor',
  'Umar',
  'Walker',
  'Wright',
  'Young',
  'Begum',
  'Harrison',
  'Kaur',
  'Mistry',
  'Singh',
  'Thompson',
]
const JOB_TITLES: Record<RoleProfileId, string[]> = {
  clinical: [
    'Staff nurse',
    'Healthcare assistant',
    'Physiotherapist',
    'Occupational therapist',
    'Paramedic',
    'Pharmacist',
    'Midwife',
    'Radiographer',
    'Junior doctor',
  ],
  administrative: ['Ward clerk', 'Medical secretary', 'Receptionist', 'Administrator', 'Finance officer', 'HR adviser'],
  'estates-support': ['Porter', 'Domestic assistant', 'Estates technician', 'Catering assistant'],
  'team-manager': ['Ward manager', 'Team leader', 'Service manager'],
  'digital-champion': ['Digital champion'],
  'digital-leader': ['Clinical informatics lead', 'Digital transformation lead'],
}
const DIRECTORATE_NAMES = [
  'Medicine',
  'Surgery',
  'Women and children',
  'Community services',
  'Mental health',
  'Corporate services',
  'Diagnostics',
  'Urgent care',
  'Estates and facilities',
  'Primary care',
]

/** Splits `total` into `parts` whole numbers of at least `min`, in proportion to random weights. */
function splitRandomly(random: Random, total: number, parts: number, spreadFactor: number, min = 1): number[] {
  const weights = Array.from({ length: parts }, () => 1 - spreadFactor + random() * 2 * spreadFactor)
  const sum = weights.reduce((a, b) => a + b, 0)
  const floor = Math.min(min, Math.floor(total / parts))
  const spare = total - floor * parts
  const exact = weights.map((w) => (w / sum) * spare)
  const sizes = exact.map((x) => floor + Math.floor(x))
  // Largest remainders take what rounding down left over.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0])
  for (let k = 0, left = total - sizes.reduce((a, b) => a + b, 0); left > 0; k++, left--) {
    const index = order[k % parts]?.[1] ?? 0
    sizes[index] = (sizes[index] ?? 0) + 1
  }
  return sizes
}

/** The organisation tree and its people, from the settings alone. */
export function icbShape({ people, seed }: Pick<IcbSettings, 'people' | 'seed'>): IcbShape {
  const random = seededRandom(hashSeed(`icb:${seed}`))
  const ids = seededRandom(hashSeed(`icb-ids:${seed}`))
  const scale = icbScale(people)
  const unit = (code: string, name: string, kind: UnitRow['kind'], parentId: string | null): UnitRow => ({
    id: seededUuid(ids),
    code,
    name,
    kind,
    parentId,
  })
  const icb = unit('bench-icb', 'Lancashire and South Cumbria (synthetic)', 'icb', null)
  const organisations = Array.from({ length: scale.organisations }, (_, o) =>
    unit(`bench-org-${o + 1}`, `Synthetic NHS Trust ${o + 1}`, 'organisation', icb.id),
  )
  const directorates: UnitRow[] = []
  const directoratesPer = splitRandomly(random, scale.directorates, scale.organisations, 0.2)
  organisations.forEach((organisation, o) => {
    for (let d = 0; d < (directoratesPer[o] ?? 0); d++) {
      const number = directorates.length + 1
      directorates.push(
        unit(
          `bench-dir-${number}`,
          `${DIRECTORATE_NAMES[d % DIRECTORATE_NAMES.length]} (${o + 1}.${d + 1})`,
          'directorate',
          organisation.id,
        ),
      )
    }
  })
  const teams: UnitRow[] = []
  const teamsPer = splitRandomly(random, scale.teams, scale.directorates, 0.3)
  directorates.forEach((directorate, d) => {
    for (let t = 0; t < (teamsPer[d] ?? 0); t++) {
      const number = teams.length + 1
      teams.push(unit(`bench-team-${number}`, `Team ${String(number).padStart(4, '0')}`, 'team', directorate.id))
    }
  })

  // Team sizes vary from a handful to about fifty; everyone has a team.
  const sizes = splitRandomly(random, people, scale.teams, 0.7, 3)
  const all: IcbPerson[] = []
  const managers: IcbShape['managers'] = []
  teams.forEach((team, t) => {
    for (let i = 0; i < (sizes[t] ?? 0); i++) {
      const n = all.length + 1
      const roleProfile: RoleProfileId = i === 0 ? 'team-manager' : pick(random, ROLE_MIX)
      const person: IcbPerson = {
        id: seededUuid(ids),
        name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
        roleProfile,
        teamId: team.id,
        email: `person.${n}@bench.example.nhs.uk`,
        jobTitle: pick(random, JOB_TITLES[roleProfile]),
      }
      if (i === 0) {
        person.manages = team.id
        managers.push({ userId: person.id, orgUnitId: team.id })
      }
      all.push(person)
    }
  })
  // The manager of the first team in each directorate and organisation also leads it.
  const firstManagerUnder = (unitId: string, level: 'directorate' | 'organisation') => {
    const team = teams.find((t) =>
      level === 'directorate'
        ? t.parentId === unitId
        : directorates.find((d) => d.id === t.parentId)?.parentId === unitId,
    )
    return managers.find((m) => m.orgUnitId === team?.id)?.userId
  }
  for (const directorate of directorates) {
    const userId = firstManagerUnder(directorate.id, 'directorate')
    if (userId) managers.push({ userId, orgUnitId: directorate.id })
  }
  for (const organisation of organisations) {
    const userId = firstManagerUnder(organisation.id, 'organisation')
    if (userId) managers.push({ userId, orgUnitId: organisation.id })
  }
  const admin = { id: seededUuid(ids), name: 'ICB Administrator', email: 'admin@bench.example.nhs.uk' }
  return { icb, organisations, directorates, teams, people: all, managers, admin }
}

// ---- Learning ---------------------------------------------------------------------------------------

export interface LearningWindow {
  from: Date
  until: Date
}

/** Two years of learning up to `until`. */
export const learningWindow = (until: Date): LearningWindow => ({
  from: new Date(until.getTime() - 730 * DAY_MS),
  until,
})

const essentialsOf = new WeakMap<Catalogue, ModuleSource[]>()

/**
 * What a learner is offered: the six foundation modules ("essentials": each gives level 1 in every
 * competency of its domain), as staff across an ICB are asked to do first, and three other modules for
 * their role. learnerPosts takes up to five of them in random order. (Drawn from all 26 modules, few people
 * would ever cover a whole domain, and readiness would be far rarer than in a real programme.)
 */
function learningPlan(
  person: SyntheticPerson,
  index: number,
  { catalogue, seed }: { catalogue: Catalogue; seed: number },
): Catalogue {
  let essentials = essentialsOf.get(catalogue)
  if (!essentials) {
    essentials = catalogue.modules.filter((module) =>
      catalogue.framework.domains.some((domain) =>
        domain.competencies.every((competency) =>
          module.frontmatter.competencies.some((mapping) => mapping.id === competency.id && mapping.level === 1),
        ),
      ),
    )
    essentialsOf.set(catalogue, essentials)
  }
  const random = seededRandom(hashSeed(`plan:${seed}:${index}`))
  const others = catalogue.modules.filter(
    (module) => !essentials.includes(module) && module.frontmatter.audience.includes(person.roleProfile),
  )
  for (let i = others.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[others[i], others[j]] = [others[j] as ModuleSource, others[i] as ModuleSource]
  }
  return { ...catalogue, modules: [...essentials, ...others.slice(0, 3)] }
}

/**
 * One learner's posts. Registrations are replaced by ones derived from the seed, the person and the
 * original: learnerPosts draws them from small seeded generators whose streams can overlap between people
 * at this scale, while the app's (crypto.randomUUID) never repeat.
 */
function* journey(
  person: SyntheticPerson,
  index: number,
  {
    catalogue,
    seed,
    window,
    unique = true,
  }: { catalogue: Catalogue; seed: number; window: LearningWindow; unique?: boolean },
): Generator<FormPost> {
  const posts = learnerPosts(person, {
    catalogue: learningPlan(person, index, { catalogue, seed }),
    seed: hashSeed(`${seed}:${index}`),
    from: window.from,
    until: window.until,
    spread: window.until.getTime() - window.from.getTime() - 60 * DAY_MS,
  })
  if (!unique) return yield* posts
  const renamed = new Map<string, string>()
  for (const post of posts) {
    for (const statement of post.statements) {
      const context = statement.context as Json | undefined
      if (typeof context?.registration !== 'string') continue
      let registration = renamed.get(context.registration)
      if (!registration) {
        const hex = createHash('sha256').update(`${seed}:${index}:${context.registration}`).digest('hex')
        registration = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
        renamed.set(context.registration, registration)
      }
      // Each statement has a context object of its own (the builders make a new one every time).
      statement.context = { ...context, registration }
    }
    yield post
  }
}

/** A version-4 UUID from `random`: four draws rather than seededUuid's sixteen, for millions of ids. */
function quickUuid(random: Random): string {
  const word = () => (Math.floor(random() * 0x100000000) >>> 0).toString(16).padStart(8, '0')
  const [a, b, c, d] = [word(), word(), word(), word()]
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0] ?? '0', 16) & 0x3) | 0x8).toString(16)}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`
}

/**
 * Who learns: people in a seeded random order, as many as the statement budget allows at the average
 * journey length (measured on the first few thousand of them); the rest have not started (about one in
 * ten at the issue's scale). The total lands within about a percent of `statements`.
 */
export function chooseLearners({
  shape,
  catalogue,
  settings,
  window,
}: {
  shape: IcbShape
  catalogue: Catalogue
  settings: IcbSettings
  window: LearningWindow
}) {
  const random = seededRandom(hashSeed(`learners:${settings.seed}`))
  const order = shape.people.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  const sample = order.slice(0, Math.min(order.length, 4000))
  let counted = 0
  for (const index of sample) {
    for (const post of journey(shape.people[index] as IcbPerson, index, {
      catalogue,
      seed: settings.seed,
      window,
      unique: false,
    }))
      counted += post.statements.length
  }
  const mean = sample.length > 0 ? counted / sample.length : 1
  const learners = order.slice(0, Math.min(order.length, Math.round(settings.statements / Math.max(mean, 1))))
  return { learners: learners.sort((a, b) => a - b), estimate: Math.round(learners.length * mean) }
}

/** Every chosen learner's form posts merged in time order, as the LRS would have received them. */
export function* learningPosts({
  shape,
  learners,
  catalogue,
  seed,
  window,
}: {
  shape: IcbShape
  learners: number[]
  catalogue: Catalogue
  seed: number
  window: LearningWindow
}): Generator<FormPost> {
  type Pending = { post: FormPost; rest: Generator<FormPost> }
  const heap: Pending[] = []
  const time = (i: number) => (heap[i] as Pending).post.at.getTime()
  const push = (item: Pending) => {
    heap.push(item)
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1
      if (time(parent) <= time(i)) break
      ;[heap[parent], heap[i]] = [heap[i] as Pending, heap[parent] as Pending]
      i = parent
    }
  }
  const pop = () => {
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      for (let i = 0; ;) {
        const left = 2 * i + 1
        let smallest = i
        if (left < heap.length && time(left) < time(smallest)) smallest = left
        if (left + 1 < heap.length && time(left + 1) < time(smallest)) smallest = left + 1
        if (smallest === i) break
        ;[heap[smallest], heap[i]] = [heap[i] as Pending, heap[smallest] as Pending]
        i = smallest
      }
    }
    return top
  }
  for (const index of learners) {
    const rest = journey(shape.people[index] as IcbPerson, index, { catalogue, seed, window })
    const first = rest.next()
    if (!first.done) push({ post: first.value, rest })
  }
  for (let entry = pop(); entry; entry = pop()) {
    yield entry.post
    const next = entry.rest.next()
    if (!next.done) push({ post: next.value, rest: entry.rest })
  }
}

export interface StoredRows {
  statement: Json
  row: {
    seq: number
    id: string
    statement: Json
    actorKey: string
    verbId: string
    objectActivityId: string | null
    objectStatementId: null
    registration: string | null
    timestamp: Date
    stored: Date
    authorityKey: string
    isVoided: false
    clientId: null
    userId: string
  }
  agents: { agentKey: string; relation: string }[]
  activities: { activityId: string; relation: string }[]
}

/**
 * The rows storeStatements writes for one post of these journeys (account Agent actor, Activity object, no
 * voids, groups, attachments or sub-statements), the statements stamped with ids from `ids`.
 */
export function storedRows(
  post: FormPost,
  { ids, firstSeq, stored }: { ids: Random; firstSeq: number; stored: Date },
): StoredRows[] {
  return post.statements.map((statement, i) => {
    const id = quickUuid(ids)
    const full: Json = {
      ...statement,
      id,
      timestamp: statement.timestamp ?? stored.toISOString(),
      stored: stored.toISOString(),
      authority: post.authority,
      version: '2.0.0',
    }
    const object = statement.object as Json
    const context = statement.context as Json | undefined
    const index = indexStatement(full)
    return {
      statement: { ...statement, id },
      row: {
        seq: firstSeq + i,
        id,
        statement: full,
        actorKey: agentKey(statement.actor as Parameters<typeof agentKey>[0]),
        verbId: String((statement.verb as Json).id),
        objectActivityId: String(object.id),
        objectStatementId: null,
        registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
        timestamp: new Date(String(full.timestamp)),
        stored,
        authorityKey: agentKey(post.authority as Parameters<typeof agentKey>[0]),
        isVoided: false,
        clientId: null,
        userId: post.userId,
      },
      agents: index.agents,
      activities: index.activities,
    }
  })
}

// ---- Projections, by the projector's own rules ------------------------------------------------------

type AttemptRow = Schema['moduleAttempts']['$inferSelect']
type EvidenceRow = ReturnType<typeof evidenceFrom>[number] & { id: string }
type PeriodRow = Schema['readinessPeriods']['$inferSelect']

/**
 * The projector's rules (app/lib/learning/projections/projection-rules.ts) applied in memory to one learner's
 * statements from this generator, in the order they are stored: every actor is a learner of this app and
 * every authority is the app itself (trusted), there are no voids, and no registration is shared between
 * learners, so everything the rules take in is at hand here without a database.
 */
export class LearnerProjection {
  readonly attempts = new Map<string, AttemptRow>()
  private readonly sectionsSeen = new Map<string, Set<string>>()
  readonly evidence: EvidenceRow[] = []
  readonly ratings = new Map<string, RatingRow>()
  private readonly competencies: ReturnType<typeof competencyIndex>

  constructor(
    readonly userId: string,
    private readonly catalogue: Catalogue,
    private readonly evidenceIds: Random,
  ) {
    this.competencies = competencyIndex(catalogue.framework)
  }

  /** A statement as stored, with its id and timestamp. */
  apply(statement: Json) {
    // Built by the app's own statement builders, to the schema's shape, so it is read as the schema's type.
    const reading = readStatement(statement as Statement, this.catalogue)
    if (!reading) return
    if (reading.kind === 'self-rating') {
      const rating = selfRatingFrom(reading, { settings: this.catalogue, competencies: this.competencies })
      if (rating) this.ratings.set(rating.competencyId, rating)
      return
    }
    // The synthetic history has no cmi5 courses.
    if (reading.kind === 'course-satisfied') return
    const { registration } = reading
    if (registration) {
      const seen = this.sectionsSeen.get(registration) ?? new Set<string>()
      const attempt = attemptAfter(reading, this.attempts.get(registration) ?? null, seen)
      if (attempt) {
        this.attempts.set(registration, attempt)
        if (reading.sectionExperienced) this.sectionsSeen.set(registration, seen.add(reading.sectionExperienced))
      }
    }
    if (!reading.passesModule) return
    const evidence = evidenceFrom(reading, {
      trustedAuthority: true,
      moduleCompetencies: this.catalogue.modules.find((m) => m.slug === reading.slug)?.frontmatter.competencies,
      competencies: this.competencies,
    })
    for (const row of evidence) this.evidence.push({ id: quickUuid(this.evidenceIds), ...row })
  }

  rows(framework: Framework) {
    const periods: PeriodRow[] = readinessPeriods({ framework, evidence: this.evidence }).map((period) => ({
      userId: this.userId,
      ...period,
    }))
    return {
      attempts: [...this.attempts.values()],
      evidence: this.evidence,
      ratings: [...this.ratings.values()],
      periods,
    }
  }
}

// ---- Bulk writing -----------------------------------------------------------------------------------

// Which tables the load fills, with their columns (names and types) from the schema: both dialects have the
// same columns (db/schema parity test), so PostgreSQL's definitions name them for SQLite too. Each row is an
// object keyed like the schema; the columns written are the ones the first row of a batch has.
const BULK_TABLES = {
  org_units: pgSchema.orgUnits,
  org_unit_closure: pgSchema.orgUnitClosure,
  users: pgSchema.users,
  memberships: pgSchema.memberships,
  membership_history: pgSchema.membershipHistory,
  manager_assignments: pgSchema.managerAssignments,
  xapi_statements: pgSchema.xapiStatements,
  xapi_statement_agents: pgSchema.xapiStatementAgents,
  xapi_statement_activities: pgSchema.xapiStatementActivities,
  xapi_activities: pgSchema.xapiActivities,
  module_attempts: pgSchema.moduleAttempts,
  competency_evidence: pgSchema.competencyEvidence,
  self_ratings: pgSchema.selfRatings,
  readiness_periods: pgSchema.readinessPeriods,
}
type TableName = keyof typeof BULK_TABLES
type RowOf<Name extends TableName> = (typeof BULK_TABLES)[Name]['$inferInsert']

interface BulkColumn {
  key: string
  name: string
  kind: 'date' | 'boolean' | 'json' | 'plain'
  /** PostgreSQL's type, for casting the arrays the rows travel in. */
  sqlType: string
}

const bulkColumnCache = new Map<string, BulkColumn[]>()

function bulkColumns(table: TableName, row: object): BulkColumn[] {
  const keys = Object.keys(row)
  const cacheKey = `${table}:${keys.join(',')}`
  let columns = bulkColumnCache.get(cacheKey)
  if (!columns) {
    columns = Object.entries(getTableColumns(BULK_TABLES[table]))
      .filter(([key]) => keys.includes(key))
      .map(([key, column]) => ({
        key,
        name: column.name,
        kind:
          column.dataType === 'date' || column.dataType === 'boolean' || column.dataType === 'json'
            ? column.dataType
            : 'plain',
        sqlType: column.getSQLType(),
      }))
    bulkColumnCache.set(cacheKey, columns)
  }
  return columns
}

/** Multi-row inserts of rows keyed like the schema, on a connection of the bench's own. */
interface BulkWriter {
  insert<Name extends TableName>(table: Name, rows: RowOf<Name>[]): Promise<void>
  /** Waits for queued inserts (Postgres). */
  settle(): Promise<void>
  /**
   * Builds the secondary indexes of these tables again after the load (dropped first, then recreated from
   * their own definitions, so the schema ends as the migrations made it: building an index once is much
   * quicker than keeping it up to date through millions of inserts), commits and closes.
   */
  finish(): Promise<void>
}

/** The tables whose plain (non-unique, non-key) indexes are dropped for the load and rebuilt after it. */
const REINDEXED: TableName[] = ['xapi_statements', 'xapi_statement_agents', 'xapi_statement_activities']

function sqliteWriter(file: string): BulkWriter {
  const client = new Sqlite(file)
  // A throwaway build: no journal, no syncing, one transaction, a big cache. The app's WAL mode comes back at the end.
  client.pragma('journal_mode = OFF')
  client.pragma('synchronous = OFF')
  client.pragma('cache_size = -2000000') // 2 GB
  client.pragma('temp_store = MEMORY')
  client.pragma('foreign_keys = OFF') // the rows are consistent by construction; checks would only slow the load
  const indexes = client
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${REINDEXED.map(() => '?').join(',')})`,
    )
    .all(...REINDEXED) as { name: string; sql: string }[]
  client.exec('begin')
  for (const { name } of indexes) client.exec(`drop index "${name}"`)
  const statements = new Map<string, Sqlite.Statement>()
  const prepared = (table: TableName, columns: BulkColumn[], count: number) => {
    const key = `${table}:${columns.map((column) => column.key).join(',')}:${count}`
    let statement = statements.get(key)
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(',')})`
      statement = client.prepare(
        `insert into "${table}" (${columns.map(({ name }) => `"${name}"`).join(',')}) values ${Array(count).fill(tuple).join(',')}`,
      )
      statements.set(key, statement)
    }
    return statement
  }
  const toSqlite = (value: unknown, kind: BulkColumn['kind']) => {
    if (value === null || value === undefined) return null
    if (kind === 'date') return (value as Date).getTime()
    if (kind === 'boolean') return value ? 1 : 0
    if (kind === 'json') return typeof value === 'string' ? value : JSON.stringify(value)
    return value
  }
  return {
    async insert(table, rows) {
      if (rows.length === 0) return
      const columns = bulkColumns(table, rows[0] as object)
      const width = columns.length
      const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / width)))
      for (let start = 0; start < rows.length; start += perStatement) {
        const count = Math.min(perStatement, rows.length - start)
        const params: unknown[] = new Array(count * width)
        for (let r = 0; r < count; r++) {
          const row = rows[start + r] as Record<string, unknown>
          for (let c = 0; c < width; c++) {
            const { key, kind } = columns[c] as BulkColumn
            params[r * width + c] = toSqlite(row[key], kind)
          }
        }
        prepared(table, columns, count).run(params)
      }
    },
    async settle() {},
    async finish() {
      for (const { sql } of indexes) client.exec(sql)
      client.exec('commit')
      client.pragma('journal_mode = WAL')
      client.close()
    },
  }
}

function postgresWriter(url: string): BulkWriter {
  // One connection: postgres.js pipelines the queued inserts in order (so index rows never arrive before
  // their statements) while the next batch is being built.
  const sql = postgres(url, { max: 1, onnotice: () => undefined })
  const queued: Promise<unknown>[] = []
  let failure: unknown
  // Plain columns travel as array literals (unnest), JSON columns as one JSON array (json_array_elements):
  // both parse far faster on the server than row-by-row parameters or escaped jsonb[] literals.
  const element = (value: unknown, kind: BulkColumn['kind']) => {
    if (value === null || value === undefined) return 'NULL'
    const text = kind === 'date' ? (value as Date).toISOString() : String(value)
    return /["\\]/.test(text) ? `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${text}"`
  }
  const setup = (async () => {
    await sql.unsafe('set synchronous_commit = off')
    await sql.unsafe(`set maintenance_work_mem = '512MB'`)
    // Skips foreign-key triggers during the load when the role may (a superuser); otherwise they just run.
    await sql.unsafe('set session_replication_role = replica').catch(() => undefined)
    const indexes = await sql<{ name: string; definition: string }[]>`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in ${sql(REINDEXED)}
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`
    for (const { name } of indexes) await sql.unsafe(`drop index "${name}"`)
    return indexes
  })()
  setup.catch(() => undefined) // awaited by the first insert, which reports the failure
  return {
    async insert(table, rows) {
      await setup
      if (failure) throw failure
      if (rows.length === 0) return
      const columns = bulkColumns(table, rows[0] as object)
      const plain = columns.filter(({ kind }) => kind !== 'json')
      const json = columns.filter(({ kind }) => kind === 'json')
      const names = [...plain, ...json].map(({ name }) => `"${name}"`).join(',')
      const sources = [
        ...plain.map(({ sqlType }, i) => `unnest($${i + 1}::text::${sqlType}[])`),
        ...json.map((_, i) => `json_array_elements($${plain.length + i + 1}::text::json)`),
      ]
      const selected = [...plain.map(({ name }) => `"${name}"`), ...json.map(({ name }) => `"${name}"::jsonb`)].join(
        ',',
      )
      const overriding = table === 'xapi_statements' ? ' overriding system value' : ''
      const query = `insert into "${table}" (${names})${overriding} select ${selected} from rows from (${sources.join(', ')}) as t(${names})`
      for (let start = 0; start < rows.length; start += 5000) {
        const part = rows.slice(start, start + 5000) as Record<string, unknown>[]
        const params = [
          ...plain.map(({ key, kind }) => `{${part.map((row) => element(row[key], kind)).join(',')}}`),
          ...json.map(
            ({ key }) =>
              `[${part.map((row) => (typeof row[key] === 'string' ? row[key] : JSON.stringify(row[key]))).join(',')}]`,
          ),
        ]
        queued.push(
          sql.unsafe(query, params).catch((error: unknown) => {
            failure ??= error
          }),
        )
        // A few batches in flight keep the server busy without holding gigabytes of parameters.
        while (queued.length > 4) await queued.shift()
        if (failure) throw failure
      }
    },
    async settle() {
      await Promise.all(queued.splice(0))
      if (failure) throw failure
    },
    async finish() {
      await this.settle()
      for (const { definition } of await setup) await sql.unsafe(definition)
      await sql.unsafe(
        `select setval(pg_get_serial_sequence('xapi_statements', 'seq'), coalesce((select max(seq) from xapi_statements), 0) + 1, false)`,
      )
      // A live database has planner statistics and a visibility map (autovacuum keeps them); a freshly
      // loaded one has neither yet. (SQLite gets no ANALYZE: the app never runs one.)
      await sql.unsafe('vacuum analyze')
      await sql.end()
    },
  }
}

/** One load written to several databases at once: the statements are generated only once. */
function fanOut(writers: BulkWriter[]): BulkWriter {
  // Postgres writers first: their batches go out on the socket before SQLite's synchronous inserts hold the
  // event loop, so the server works on them meanwhile (on the other core).
  return {
    async insert(table, rows) {
      for (const writer of writers) {
        await writer.insert(table, rows)
        await new Promise((resolve) => setImmediate(resolve))
      }
    },
    async settle() {
      await Promise.all(writers.map((writer) => writer.settle()))
    },
    async finish() {
      for (const writer of writers) await writer.finish()
    },
  }
}

export type BuildTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string }

// ---- The build ---------------------------------------------------------------------------------------

export interface BuildSummary {
  settings: IcbSettings
  generatorVersion: number
  /** The moment the learning history ends; reports are measured as at now, which is later. */
  until: string
  builtAt: string
  buildSeconds: number
  people: number
  learners: number
  teams: number
  directorates: number
  organisations: number
  rows: Record<string, number>
}

/**
 * Writes the synthetic ICB into empty, migrated databases (SQLite files or Postgres URLs; all of them in one
 * pass) and returns what it wrote. `until` ends the history (default: an hour ago).
 */
export async function buildSyntheticIcb({
  targets,
  settings,
  catalogue,
  until = new Date(Date.now() - 3_600_000),
  log,
}: {
  targets: BuildTarget[]
  settings: IcbSettings
  catalogue: Catalogue
  until?: Date
  log: (message: string, transient?: boolean) => void
}): Promise<BuildSummary> {
  const started = performance.now()
  const ordered = [...targets].sort((a, b) => (a.dialect === b.dialect ? 0 : a.dialect === 'postgres' ? -1 : 1))
  const writer = fanOut(
    ordered.map((target) => (target.dialect === 'sqlite' ? sqliteWriter(target.file) : postgresWriter(target.url))),
  )
  const rows: Record<string, number> = {}
  const insert = async <Name extends TableName>(table: Name, list: RowOf<Name>[]) => {
    rows[table] = (rows[table] ?? 0) + list.length
    await writer.insert(table, list)
  }
  const shape = icbShape(settings)
  const created = new Date(until.getTime() - 800 * DAY_MS)

  // The organisation: units with the closure rows createOrgUnit would add, people, memberships, managers.
  const units = [shape.icb, ...shape.organisations, ...shape.directorates, ...shape.teams]
  const byId = new Map(units.map((unit) => [unit.id, unit]))
  await insert(
    'org_units',
    units.map(({ id, code, name, kind, parentId }) => ({ id, code, name, kind, parentId, createdAt: created })),
  )
  await insert(
    'org_unit_closure',
    units.flatMap((unit) => {
      const closure: RowOf<'org_unit_closure'>[] = []
      for (
        let ancestor: UnitRow | undefined = unit, depth = 0;
        ancestor;
        ancestor = ancestor.parentId ? byId.get(ancestor.parentId) : undefined, depth++
      ) {
        closure.push({ ancestorId: ancestor.id, descendantId: unit.id, depth })
      }
      return closure
    }),
  )
  await insert('users', [
    {
      id: shape.admin.id,
      email: shape.admin.email,
      name: shape.admin.name,
      passwordHash: null,
      isAdmin: true,
      createdAt: created,
    },
    ...shape.people.map(({ id, email, name }) => ({
      id,
      email,
      name,
      passwordHash: null,
      isAdmin: false,
      createdAt: created,
    })),
  ])
  await insert(
    'memberships',
    shape.people.map(({ id, teamId, roleProfile, jobTitle }) => ({
      userId: id,
      teamId,
      roleProfile,
      jobTitle,
      createdAt: created,
    })),
  )
  await insert(
    'membership_history',
    shape.people.map(({ id, teamId, roleProfile }) => ({
      id: `member-${id}`,
      userId: id,
      teamId,
      roleProfile,
      startedAt: created,
      endedAt: null,
    })),
  )
  await insert(
    'manager_assignments',
    shape.managers.map(({ userId, orgUnitId }) => ({ userId, orgUnitId, createdAt: created })),
  )
  await writer.settle()
  log(
    `organisation: ${units.length.toLocaleString('en-GB')} units, ${shape.people.length.toLocaleString('en-GB')} people`,
  )

  // Who learns, then their statements in time order, with the projections derived as they go.
  const window = learningWindow(until)
  const choice = chooseLearners({ shape, catalogue, settings, window })
  log(
    `learners: ${choice.learners.length.toLocaleString('en-GB')} of ${shape.people.length.toLocaleString('en-GB')}, about ${choice.estimate.toLocaleString('en-GB')} statements`,
  )
  const ids = seededRandom(hashSeed(`statement-ids:${settings.seed}`))
  const evidenceIds = seededRandom(hashSeed(`evidence-ids:${settings.seed}`))
  const projections = new Map<string, LearnerProjection>()
  const definitions = new Map<string, { definition: Json; updatedAt: Date }>()
  let seq = 1
  let lastStored = 0
  let batch: StoredRows[] = []
  let lastReport = performance.now()
  const flush = async () => {
    if (batch.length === 0) return
    const list = batch
    batch = []
    await insert(
      'xapi_statements',
      list.map(({ row }) => row),
    )
    await insert(
      'xapi_statement_agents',
      list.flatMap(({ row, agents }) => agents.map((agent) => ({ statementSeq: row.seq, ...agent }))),
    )
    await insert(
      'xapi_statement_activities',
      list.flatMap(({ row, activities }) => activities.map((activity) => ({ statementSeq: row.seq, ...activity }))),
    )
    if (performance.now() - lastReport > 2000) {
      lastReport = performance.now()
      const seconds = (performance.now() - started) / 1000
      log(
        `statements: ${(seq - 1).toLocaleString('en-GB')} of about ${choice.estimate.toLocaleString('en-GB')} (${Math.round(((seq - 1) / Math.max(choice.estimate, 1)) * 100)}%, ${seconds.toFixed(0)} s)`,
        true,
      )
    }
  }
  for (const post of learningPosts({ shape, learners: choice.learners, catalogue, seed: settings.seed, window })) {
    lastStored = Math.max(lastStored, post.at.getTime() + post.statements.length)
    const built = storedRows(post, { ids, firstSeq: seq, stored: new Date(lastStored) })
    seq += built.length
    let projection = projections.get(post.userId)
    if (!projection)
      projections.set(post.userId, (projection = new LearnerProjection(post.userId, catalogue, evidenceIds)))
    for (const { row } of built) {
      projection.apply(row.statement)
      const object = row.statement.object as Json
      if (object.definition)
        definitions.set(String(object.id), { definition: object.definition as Json, updatedAt: row.stored })
    }
    batch.push(...built)
    if (batch.length >= 5000) await flush()
  }
  await flush()
  await insert(
    'xapi_activities',
    [...definitions].map(([id, { definition, updatedAt }]) => ({ id, definition, updatedAt })),
  )
  await writer.settle()
  log(
    `statements: ${(seq - 1).toLocaleString('en-GB')} stored in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )

  // The projections, learner by learner.
  const out = {
    attempts: [] as RowOf<'module_attempts'>[],
    evidence: [] as RowOf<'competency_evidence'>[],
    ratings: [] as RowOf<'self_ratings'>[],
    periods: [] as RowOf<'readiness_periods'>[],
  }
  const drain = async (force = false) => {
    if (!force && out.attempts.length + out.evidence.length + out.ratings.length + out.periods.length < 50_000) return
    await insert('module_attempts', out.attempts.splice(0))
    await insert('competency_evidence', out.evidence.splice(0))
    await insert('self_ratings', out.ratings.splice(0))
    await insert('readiness_periods', out.periods.splice(0))
  }
  for (const projection of projections.values()) {
    const derived = projection.rows(catalogue.framework)
    out.attempts.push(...derived.attempts)
    out.evidence.push(...derived.evidence)
    out.ratings.push(...derived.ratings)
    out.periods.push(...derived.periods)
    await drain()
  }
  await drain(true)
  log('building indexes' + (targets.some((t) => t.dialect === 'postgres') ? ', vacuum analyze' : ''))
  await writer.finish()
  log(
    `projections: ${['module_attempts', 'competency_evidence', 'self_ratings', 'readiness_periods'].map((t) => `${(rows[t] ?? 0).toLocaleString('en-GB')} ${t}`).join(', ')}`,
  )

  return {
    settings,
    generatorVersion: GENERATOR_VERSION,
    until: until.toISOString(),
    builtAt: new Date().toISOString(),
    buildSeconds: (performance.now() - started) / 1000,
    people: shape.people.length,
    learners: choice.learners.length,
    teams: shape.teams.length,
    directorates: shape.directorates.length,
    organisations: shape.organisations.length,
    rows,
  }
}

/** SQLite file size including its WAL, in bytes. */
export const sqliteFileBytes = (file: string) =>
  ['', '-wal'].reduce((sum, suffix) => sum + (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : 0), 0)

// ---- The guard: the bulk rows are what the app writes ---------------------------------------------

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** JSON with object keys sorted and dates as ISO strings, for comparing rows whatever their source. */
function canonical(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString()
    if (Array.isArray(v)) return v.map(normalise)
    if (isObject(v))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((key) => [key, normalise(v[key])]),
      )
    return v
  }
  return JSON.stringify(normalise(value))
}

/**
 * Stores the journeys of the first `sample` people of the synthetic ICB through the app's storeStatements
 * (with projections), in the current (empty, migrated) database, and throws unless the statement rows,
 * their index rows and every projection row (module attempts, competency evidence but its random id,
 * self-ratings, readiness periods) are exactly what buildSyntheticIcb writes for them. Returns a summary.
 */
export async function checkAgainstApp({
  settings,
  catalogue,
  sample = 30,
}: {
  settings: IcbSettings
  catalogue: Catalogue
  sample?: number
}): Promise<string> {
  const { inArray } = await import('drizzle-orm')
  const { db, schema } = await import('#app/lib/db.server.ts')
  const { storeStatements } = await import('#app/lib/xapi/store/statement-store.server.ts')
  const { installEffects } = await import('#app/lib/install-effects.server.ts')
  installEffects()
  const shape = icbShape({ ...settings, people: Math.min(settings.people, Math.max(sample * 4, 100)) })
  const window = learningWindow(new Date(Date.now() - 3_600_000))
  const ids = seededRandom(hashSeed(`check-ids:${settings.seed}`))
  const people = shape.people.slice(0, sample)
  const expected = {
    statements: [] as string[],
    attempts: [] as string[],
    evidence: [] as string[],
    ratings: [] as string[],
    periods: [] as string[],
  }
  const statementIds: string[] = []
  for (const [index, person] of people.entries()) {
    const projection = new LearnerProjection(person.id, catalogue, seededRandom(1))
    for (const post of journey(person, index, { catalogue, seed: settings.seed, window })) {
      const built = storedRows(post, { ids, firstSeq: 0, stored: new Date() })
      await storeStatements({
        statements: built.map((b) => b.statement),
        authority: post.authority,
        version: '2.0.0',
        userId: post.userId,
      })
      for (const { row, agents, activities } of built) {
        projection.apply(row.statement)
        statementIds.push(row.id)
        const { seq: _seq, stored: _stored, statement, ...columns } = row
        const { stored: _statementStored, ...content } = statement
        expected.statements.push(
          canonical({
            ...columns,
            content,
            agents: agents.map((a) => canonical(a)).sort(),
            activities: activities.map((a) => canonical(a)).sort(),
          }),
        )
      }
    }
    const derived = projection.rows(catalogue.framework)
    expected.attempts.push(...derived.attempts.map(canonical))
    expected.evidence.push(...derived.evidence.map(({ id: _id, ...row }) => canonical(row)))
    expected.ratings.push(...derived.ratings.map(canonical))
    expected.periods.push(...derived.periods.map(canonical))
  }

  const {
    xapiStatements,
    xapiStatementAgents,
    xapiStatementActivities,
    moduleAttempts,
    competencyEvidence,
    selfRatings,
    readinessPeriods,
  } = schema()
  const userIds = people.map((p) => p.id)
  const actual = {
    statements: [] as string[],
    attempts: [] as string[],
    evidence: [] as string[],
    ratings: [] as string[],
    periods: [] as string[],
  }
  for (let start = 0; start < statementIds.length; start += 500) {
    const rows = await db()
      .select()
      .from(xapiStatements)
      .where(inArray(xapiStatements.id, statementIds.slice(start, start + 500)))
    const seqs = rows.map((row) => row.seq)
    const agents = await db().select().from(xapiStatementAgents).where(inArray(xapiStatementAgents.statementSeq, seqs))
    const activities = await db()
      .select()
      .from(xapiStatementActivities)
      .where(inArray(xapiStatementActivities.statementSeq, seqs))
    for (const { seq, stored: _stored, statement, ...columns } of rows) {
      const { stored: _statementStored, ...content } = statement
      const of = <T extends { statementSeq: number }>(list: T[]) =>
        list
          .filter((entry) => entry.statementSeq === seq)
          .map(({ statementSeq: _s, ...entry }) => canonical(entry))
          .sort()
      actual.statements.push(canonical({ ...columns, content, agents: of(agents), activities: of(activities) }))
    }
  }
  actual.attempts = (await db().select().from(moduleAttempts).where(inArray(moduleAttempts.userId, userIds))).map(
    canonical,
  )
  actual.evidence = (
    await db().select().from(competencyEvidence).where(inArray(competencyEvidence.userId, userIds))
  ).map(({ id: _id, ...row }) => canonical(row))
  actual.ratings = (await db().select().from(selfRatings).where(inArray(selfRatings.userId, userIds))).map(canonical)
  actual.periods = (await db().select().from(readinessPeriods).where(inArray(readinessPeriods.userId, userIds))).map(
    canonical,
  )

  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    const want = [...expected[key]].sort()
    const got = [...actual[key]].sort()
    const missing = want.filter((row) => !got.includes(row))
    const extra = got.filter((row) => !want.includes(row))
    if (want.length !== got.length || missing.length > 0 || extra.length > 0) {
      throw new Error(
        `synthetic-icb ${key} differ from what the app writes (${want.length} expected, ${got.length} stored)\n  bulk only: ${missing.slice(0, 3).join('\n             ')}\n  app only:  ${extra.slice(0, 3).join('\n             ')}`,
      )
    }
  }
  return `${people.length} people: ${expected.statements.length} statements, ${expected.attempts.length} attempts, ${expected.evidence.length} evidence, ${expected.ratings.length} self-ratings, ${expected.periods.length} readiness periods identical`
}
