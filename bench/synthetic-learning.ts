import { randomUUID } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import { frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { type Answers, gradeKnowledgeCheck } from '#app/lib/content/knowledge-check.server.ts'
import type { ModuleSource } from '#app/lib/content/module-source.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { publicUrl as appPublicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import {
  knowledgeCheckStatements,
  launchedStatement,
  sectionStatements,
  suspendedStatement,
  type StatementSetting,
} from '#app/lib/learning/module-statements.ts'
import { selfRatingStatement } from '#app/lib/learning/projections/self-rating.ts'
import type { OrgUnit } from '#app/lib/org/org-unit.ts'
import { createOrgUnit } from '#app/lib/org/units.server.ts'
import type { RoleProfileId } from '#app/lib/org/role-profiles.ts'
import { appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { indexStatement } from '#app/lib/xapi/model/statement-index.ts'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

// Synthetic but realistic learning data for benchmarks: an organisation full of staff with memberships,
// and the statements the app itself would record for them (module player and self-assessment), each
// form post a batch of 1–7 statements, with timestamps in the past. Everything is seeded, so the same
// seed gives the same workload; it is produced lazily (generators), so millions of statements never
// sit in memory at once.
//
//   const org = await createSyntheticOrg({ people: 80_000 })
//   const catalogue = loadCatalogue()
//   for (const post of workload({ people: org.people, catalogue, seed: 1 })) …   // time-ordered form posts
//   await storePosts({ posts: takeStatements(workload(…), n), project: false })   // as the app stores them
//   await bulkLoadPosts({ posts: takeStatements(workload(…), 5_000_000) })        // millions, quickly

type Json = Record<string, unknown>

// ---- Randomness -----------------------------------------------------------------------------------

export type Random = () => number

/** mulberry32: small, fast, seeded; good enough for workloads. */
export function seededRandom(seed: number): Random {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a of a string: turns an id into a seed. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/** A version-4 UUID drawn from `random` (reproducible, unlike crypto.randomUUID). */
export function seededUuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
const between = (random: Random, min: number, max: number) => min + random() * (max - min)
const MINUTE = 60_000
const HOUR = 60 * MINUTE

// ---- People ---------------------------------------------------------------------------------------

export interface SyntheticPerson {
  id: string
  name: string
  roleProfile: RoleProfileId
  teamId: string
  /** The team this person manages (the first person of each team, a team manager), if any. */
  manages?: string
}

export interface SyntheticOrg {
  icb: OrgUnit
  organisations: OrgUnit[]
  teams: OrgUnit[]
  people: SyntheticPerson[]
}

// Most staff are clinical or administrative; a few lead or champion.
export const ROLE_MIX: RoleProfileId[] = [
  ...Array<RoleProfileId>(10).fill('clinical'),
  ...Array<RoleProfileId>(5).fill('administrative'),
  ...Array<RoleProfileId>(2).fill('estates-support'),
  'team-manager',
  'digital-champion',
  'digital-leader',
]
/** The nth person's role profile: the same in every synthetic org, so mirrored cohorts learn alike. */
const roleOf = (n: number, teamSize: number): RoleProfileId =>
  n % teamSize === 0 ? 'team-manager' : (ROLE_MIX[hashSeed(`role:${n}`) % ROLE_MIX.length] as RoleProfileId)

/**
 * An ICB with organisations → directorates → teams and `people` staff, each with a membership (team and
 * role profile); the first person of each team is a team manager who manages it. Units go through
 * createOrgUnit (so the closure table scoping reads is right); people, memberships and manager
 * assignments are inserted directly in chunks, so 80,000 people take seconds. No one can sign in (no
 * password). `code` prefixes every unit code and email, so several orgs can share a database; ids come
 * from `code` and `seed`. With the same team size, the nth person has the same role profile in every
 * synthetic org.
 */
export async function createSyntheticOrg({
  people,
  teamSize = 25,
  teamsPerDirectorate = 6,
  directoratesPerOrganisation = 4,
  code = `bench-${Date.now().toString(36)}`,
  seed = 1,
  onProgress,
}: {
  people: number
  teamSize?: number
  teamsPerDirectorate?: number
  directoratesPerOrganisation?: number
  code?: string
  seed?: number
  onProgress?: (created: number, total: number) => void
}): Promise<SyntheticOrg> {
  const random = seededRandom(hashSeed(code) ^ seed)
  const teamCount = Math.max(1, Math.ceil(people / teamSize))
  const directorateCount = Math.ceil(teamCount / teamsPerDirectorate)
  const organisationCount = Math.ceil(directorateCount / directoratesPerOrganisation)

  const icb = await createOrgUnit({ code: `${code}-icb`, name: `Synthetic ICB ${code}`, kind: 'icb' })
  const organisations: OrgUnit[] = []
  const teams: OrgUnit[] = []
  for (let o = 0; o < organisationCount; o++) {
    const organisation = await createOrgUnit({
      code: `${code}-org-${o}`,
      name: `Synthetic Trust ${o + 1}`,
      kind: 'organisation',
      parentId: icb.id,
    })
    organisations.push(organisation)
    for (let d = 0; d < directoratesPerOrganisation && teams.length < teamCount; d++) {
      const directorate = await createOrgUnit({
        code: `${code}-org-${o}-dir-${d}`,
        name: `Directorate ${d + 1}`,
        kind: 'directorate',
        parentId: organisation.id,
      })
      for (let t = 0; t < teamsPerDirectorate && teams.length < teamCount; t++) {
        teams.push(
          await createOrgUnit({
            code: `${code}-team-${teams.length}`,
            name: `Team ${teams.length + 1}`,
            kind: 'team',
            parentId: directorate.id,
          }),
        )
      }
    }
  }

  const { users, memberships, membershipHistory, managerAssignments } = schema()
  const all: SyntheticPerson[] = []
  const CHUNK = 500
  for (let start = 0; start < people; start += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, people - start) }, (_, i) => {
      const n = start + i
      const team = teams[Math.floor(n / teamSize)] as OrgUnit
      const person: SyntheticPerson = {
        id: seededUuid(random),
        name: `Person ${n + 1}`,
        roleProfile: roleOf(n, teamSize),
        teamId: team.id,
      }
      return n % teamSize === 0 ? { ...person, manages: team.id } : person
    })
    await transaction(async () => {
      await db()
        .insert(users)
        .values(
          chunk.map(({ id, name }, i) => ({
            id,
            name,
            email: `${code}.${start + i + 1}@example.test`,
            passwordHash: null,
          })),
        )
      await db()
        .insert(memberships)
        .values(chunk.map(({ id, teamId, roleProfile }) => ({ userId: id, teamId, roleProfile, jobTitle: null })))
      await db()
        .insert(membershipHistory)
        .values(
          chunk.map(({ id, teamId, roleProfile }) => ({ userId: id, teamId, roleProfile, startedAt: new Date(0) })),
        )
      const managers = chunk.flatMap(({ id, manages }) => (manages ? [{ userId: id, orgUnitId: manages }] : []))
      if (managers.length > 0) await db().insert(managerAssignments).values(managers)
    })
    all.push(...chunk)
    onProgress?.(all.length, people)
  }
  return { icb, organisations, teams, people: all }
}

/** Staff who are not in any database: enough for statements, when the people table does not matter. */
export function syntheticPeople({
  count,
  seed = 1,
  teamSize = 25,
}: {
  count: number
  seed?: number
  teamSize?: number
}): SyntheticPerson[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, n) => ({
    id: seededUuid(random),
    name: `Person ${n + 1}`,
    roleProfile: roleOf(n, teamSize),
    teamId: 'none',
  }))
}

// ---- What there is to learn --------------------------------------------------------------------------

export interface Catalogue {
  modules: ModuleSource[]
  framework: Framework
  publicUrl: string
  activityBase: string
}

/** The published modules of the content folder and the framework, with the app's IRIs. */
export function loadCatalogue({ publicUrl = appPublicUrl, activityBase = xapiActivityBase } = {}): Catalogue {
  return { modules: loadModules({ includeDrafts: false }), framework: frameworkForContent(), publicUrl, activityBase }
}

// ---- Statements -------------------------------------------------------------------------------------

/** One form post: the statements the app stores in one storeStatements call, as it would record them. */
export interface FormPost {
  at: Date
  userId: string
  kind: 'launch' | 'section' | 'suspend' | 'check' | 'self-assessment'
  statements: Json[]
  authority: Json
}

export interface JourneyOptions {
  catalogue: Catalogue
  /** Drives what the learner does. Two learners given the same seed do the same things at the same times. */
  seed: number
  /** Drives registrations only; defaults to one derived from the person, so mirrored learners never share one. */
  idSeed?: number
  /** The learner's first post is between `from` and `from + spread`; nothing is produced at or after `until`. */
  from: Date
  until: Date
  spread?: number
  /** How many different modules the learner takes, at most (the catalogue filtered by their role). */
  maxModules?: number
}

/**
 * Everything one learner does, post by post, in time order: sometimes a self-assessment first (one post
 * per domain), then modules one after another, days apart: launched; each section experienced+progressed
 * a few minutes apart, now and then "save and leave" (suspended) and back hours later, sometimes never;
 * the knowledge check (answered per question, passed or failed, completed) marked by the real grader;
 * after a fail, another attempt. Some re-rate themselves afterwards.
 */
export function* learnerPosts(person: SyntheticPerson, options: JourneyOptions): Generator<FormPost> {
  const { catalogue, seed, from, until, spread = 180 * DAY_MS, maxModules = 5 } = options
  const random = seededRandom(seed)
  const ids = seededRandom(options.idSeed ?? hashSeed(person.id) ^ seed)
  const { publicUrl, activityBase, framework } = catalogue
  const actor = learnerAgent({ publicUrl, user: person })
  const authority = appAuthority({ publicUrl }) as unknown as Json
  let clock = from.getTime() + random() * spread
  const post = (kind: FormPost['kind'], statements: Json[]): FormPost | null => {
    if (clock >= until.getTime()) return null
    const at = new Date(Math.floor(clock))
    // The app stamps each statement as it builds it: a millisecond apart within one post.
    const stamped = statements.map((statement, i) => ({
      ...statement,
      timestamp: new Date(at.getTime() + i).toISOString(),
    }))
    return { at, userId: person.id, kind, statements: stamped, authority }
  }
  const skill = between(random, 0.55, 0.97) // chance of answering a question right

  function* selfAssessment() {
    for (const domain of framework.domains) {
      const made = post(
        'self-assessment',
        domain.competencies.map((competency) => {
          const current = Math.floor(random() * 5)
          const target = random() < 0.6 ? Math.min(4, Math.max(1, current + 1)) : null
          return selfRatingStatement({
            publicUrl,
            activityBase,
            actor,
            competencyId: competency.id,
            current,
            target,
          }) as Json
        }),
      )
      if (!made) return
      yield made
      clock += between(random, 0.5, 3) * MINUTE
    }
  }

  if (random() < 0.6) {
    yield* selfAssessment()
    clock += between(random, 1, 20) * DAY_MS
  }

  const suitable = catalogue.modules.filter((module) => module.frontmatter.audience.includes(person.roleProfile))
  const choices = [...(suitable.length > 0 ? suitable : catalogue.modules)]
  const moduleCount = Math.min(choices.length, Math.floor(random() * (maxModules + 1)))
  for (let m = 0; m < moduleCount; m++) {
    const module = choices.splice(Math.floor(random() * choices.length), 1)[0] as ModuleSource
    const sections = module.outline.sections
    for (let attempt = 0; attempt < 3; attempt++) {
      const setting: StatementSetting = {
        activityBase,
        publicUrl,
        actor,
        module: {
          slug: module.slug,
          title: module.frontmatter.title,
          summary: module.frontmatter.summary,
          version: module.version,
        },
        registration: seededUuid(ids),
      }
      const launched = post('launch', [launchedStatement(setting)])
      if (!launched) return
      yield launched
      let abandoned = false
      for (const [index, section] of sections.entries()) {
        clock += between(random, 0.5, 4) * MINUTE
        if (random() < 0.06) {
          const suspended = post('suspend', [suspendedStatement(setting)])
          if (!suspended) return
          yield suspended
          if (random() < 0.3) {
            abandoned = true
            break
          }
          clock += between(random, 2, 72) * HOUR
        }
        const read = post(
          'section',
          sectionStatements(setting, { number: index + 1, title: section.title, total: sections.length }),
        )
        if (!read) return
        yield read
      }
      if (abandoned || !module.questions) break
      clock += between(random, 1, 5) * MINUTE
      const answers: Answers = {}
      for (const question of module.questions.questions) {
        const right = question.options.filter((option) => option.correct).map((option) => option.id)
        const wrong = question.options.filter((option) => !option.correct).map((option) => option.id)
        answers[question.id] = random() < skill || wrong.length === 0 ? right : [pick(random, wrong)]
      }
      const graded = gradeKnowledgeCheck({ module, answers })
      const checked = post('check', knowledgeCheckStatements(setting, graded, module.questions.questions))
      if (!checked) return
      yield checked
      if (graded.passed || random() < 0.3) break
      clock += between(random, 5, 60 * 24) * MINUTE
    }
    clock += between(random, 1, 30) * DAY_MS
  }

  if (random() < 0.25) {
    clock += between(random, 7, 90) * DAY_MS
    yield* selfAssessment()
  }
}

/**
 * Every learner's posts merged in time order, as the LRS would receive them live. Lazily: one pending post
 * per learner, so 80,000 learners cost a few megabytes. `seed` makes the whole workload reproducible; two
 * calls with the same seed and the same number of people do the same things (different people, different
 * registrations), which is how a benchmark runs one workload twice.
 */
export function* workload({
  people,
  catalogue,
  seed = 1,
  from = new Date(Date.now() - 730 * DAY_MS),
  until = new Date(Date.now() - DAY_MS),
  spread,
  maxModules,
}: {
  people: SyntheticPerson[]
  catalogue: Catalogue
  seed?: number
  from?: Date
  until?: Date
  spread?: number
  maxModules?: number
}): Generator<FormPost> {
  const spreadMs = spread ?? Math.max(0, until.getTime() - from.getTime() - 60 * DAY_MS)
  const heap = new PostHeap()
  people.forEach((person, index) => {
    const posts = learnerPosts(person, {
      catalogue,
      seed: hashSeed(`${seed}:${index}`),
      from,
      until,
      spread: spreadMs,
      maxModules,
    })
    const first = posts.next()
    if (!first.done) heap.push({ post: first.value, rest: posts })
  })
  for (let entry = heap.pop(); entry; entry = heap.pop()) {
    yield entry.post
    const next = entry.rest.next()
    if (!next.done) heap.push({ post: next.value, rest: entry.rest })
  }
}

interface Pending {
  post: FormPost
  rest: Generator<FormPost>
}

/** A binary min-heap of learners' next posts, by time. */
class PostHeap {
  private readonly items: Pending[] = []
  push(item: Pending) {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.time(parent) <= this.time(i)) break
      ;[items[parent], items[i]] = [items[i] as Pending, items[parent] as Pending]
      i = parent
    }
  }
  pop(): Pending | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length > 0 && last) {
      items[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < items.length && this.time(left) < this.time(smallest)) smallest = left
        if (right < items.length && this.time(right) < this.time(smallest)) smallest = right
        if (smallest === i) break
        ;[items[smallest], items[i]] = [items[i] as Pending, items[smallest] as Pending]
        i = smallest
      }
    }
    return top
  }
  private time(i: number): number {
    return (this.items[i] as Pending).post.at.getTime()
  }
}

/**
 * Form posts from `posts` until they hold at least `statements` statements (whole posts only). It never
 * closes `posts`: pass a workload() generator and carry on reading it afterwards, e.g. history first,
 * then live traffic.
 */
export function* takeStatements(
  posts: Iterator<FormPost> | Iterable<FormPost>,
  statements: number,
): Generator<FormPost> {
  const iterator = Symbol.iterator in posts ? posts[Symbol.iterator]() : posts
  for (let taken = 0; taken < statements;) {
    const next = iterator.next()
    if (next.done) return
    yield next.value
    taken += next.value.statements.length
  }
}

/** The next `count` posts of `posts`, without closing it. */
export function takePosts(posts: Iterator<FormPost> | Iterable<FormPost>, count: number): FormPost[] {
  const iterator = Symbol.iterator in posts ? posts[Symbol.iterator]() : posts
  const taken: FormPost[] = []
  while (taken.length < count) {
    const next = iterator.next()
    if (next.done) break
    taken.push(next.value)
  }
  return taken
}

/**
 * Stores posts as the app would (one storeStatements call per post, with its learner's userId), grouping
 * `postsPerTransaction` of them in one outer transaction (each call becomes a savepoint) so bulk loads
 * are quick. With `project: false`, run rebuildProjections afterwards. Returns how many statements it stored.
 */
export async function storePosts({
  posts,
  project = true,
  postsPerTransaction = 250,
  onProgress,
}: {
  posts: Iterable<FormPost>
  project?: boolean
  postsPerTransaction?: number
  onProgress?: (statements: number) => void
}): Promise<number> {
  let stored = 0
  let group: FormPost[] = []
  const flush = async () => {
    const batch = group
    group = []
    if (batch.length === 0) return
    await transaction(async () => {
      for (const post of batch) {
        await storeStatements({
          statements: post.statements,
          authority: post.authority,
          version: '2.0.0',
          userId: post.userId,
          project,
        })
      }
    })
    stored += batch.reduce((sum, post) => sum + post.statements.length, 0)
    onProgress?.(stored)
  }
  for (const post of posts) {
    group.push(post)
    if (group.length >= postsPerTransaction) await flush()
  }
  await flush()
  return stored
}

// ---- Bulk loading ------------------------------------------------------------------------------------

type Agent = Parameters<typeof agentKey>[0]

/**
 * The xapi_statements row storeStatements writes for one of this generator's statements (an account
 * Agent doing something to an Activity: no voids, groups, attachments or sub-statements), stored at
 * `stored`. checkBulkLoader proves the two agree.
 */
function statementRow(
  statement: Json,
  { authority, userId, stored }: { authority: Json; userId: string; stored: Date },
) {
  const id = randomUUID()
  const full: Json = {
    ...statement,
    id,
    timestamp: statement.timestamp ?? stored.toISOString(),
    stored: stored.toISOString(),
    authority,
    version: '2.0.0',
  }
  const object = statement.object as Json
  const context = statement.context as Json | undefined
  return {
    row: {
      id,
      statement: full,
      actorKey: agentKey(statement.actor as Agent),
      verbId: String((statement.verb as Json).id),
      objectActivityId: String(object.id),
      objectStatementId: null,
      registration: typeof context?.registration === 'string' ? context.registration.toLowerCase() : null,
      timestamp: new Date(String(full.timestamp)),
      stored,
      authorityKey: agentKey(authority as Agent),
      clientId: null,
      userId,
    },
    index: indexStatement(full),
  }
}

/**
 * Inserts posts straight into the statement tables with multi-row inserts, `chunk` statements per
 * transaction: the rows storeStatements would write with `project: false` (see checkBulkLoader), at a
 * fraction of the cost, for loading millions of statements before a benchmark. Only for this generator's
 * posts, on an otherwise quiet database. Run rebuildProjections afterwards. Returns the statements stored.
 */
export async function bulkLoadPosts({
  posts,
  chunk = 2000,
  onProgress,
}: {
  posts: Iterable<FormPost>
  chunk?: number
  onProgress?: (statements: number) => void
}): Promise<number> {
  const { xapiStatements, xapiStatementAgents, xapiStatementActivities, xapiActivities } = schema()
  const knownActivities = new Set<string>()
  let stored = 0
  let lastStored = 0
  let pending: FormPost[] = []
  let pendingStatements = 0
  const flush = async () => {
    if (pending.length === 0) return
    lastStored = Math.max(Date.now(), lastStored)
    const storedAt = new Date(lastStored)
    const built = pending.flatMap((post) =>
      post.statements.map((statement) =>
        statementRow(statement, { authority: post.authority, userId: post.userId, stored: storedAt }),
      ),
    )
    const definitions = new Map<string, Json>()
    for (const { row } of built) {
      const object = (row.statement as Json).object as Json
      if (object.definition && !knownActivities.has(String(object.id)))
        definitions.set(String(object.id), object.definition as Json)
    }
    pending = []
    pendingStatements = 0
    await transaction(async () => {
      const seqs = new Map<string, number>()
      for (const rows of chunks(
        built.map((b) => b.row),
        500,
      )) {
        for (const { id, seq } of await db()
          .insert(xapiStatements)
          .values(rows)
          .returning({ id: xapiStatements.id, seq: xapiStatements.seq }))
          seqs.set(id, seq)
      }
      const agents = built.flatMap(({ row, index }) =>
        index.agents.map((agent) => ({ ...agent, statementSeq: seqs.get(row.id) as number })),
      )
      const activities = built.flatMap(({ row, index }) =>
        index.activities.map((activity) => ({ ...activity, statementSeq: seqs.get(row.id) as number })),
      )
      for (const rows of chunks(agents, 1000)) await db().insert(xapiStatementAgents).values(rows)
      for (const rows of chunks(activities, 1000)) await db().insert(xapiStatementActivities).values(rows)
      for (const rows of chunks(
        [...definitions].map(([id, definition]) => ({ id, definition, updatedAt: storedAt })),
        500,
      )) {
        await db()
          .insert(xapiActivities)
          .values(rows)
          .onConflictDoUpdate({
            target: xapiActivities.id,
            set: { definition: sql`excluded.definition`, updatedAt: storedAt },
          })
      }
    })
    for (const id of definitions.keys()) knownActivities.add(id)
    stored += built.length
    onProgress?.(stored)
  }
  for (const post of posts) {
    pending.push(post)
    pendingStatements += post.statements.length
    if (pendingStatements >= chunk) await flush()
  }
  await flush()
  return stored
}

function* chunks<T>(list: T[], size: number): Generator<T[]> {
  for (let start = 0; start < list.length; start += size) yield list.slice(start, start + size)
}

/**
 * Stores one post through storeStatements (`project: false`) and again through bulkLoadPosts, and throws
 * unless every column storeStatements wrote (but ids, seq and stored times) and every index row match:
 * a guard that the bulk loader has not drifted from the real store. Leaves both copies in the database.
 */
export async function checkBulkLoader(post: FormPost): Promise<void> {
  const { xapiStatements, xapiStatementAgents, xapiStatementActivities } = schema()
  const viaStore = await storeStatements({
    statements: post.statements,
    authority: post.authority,
    version: '2.0.0',
    userId: post.userId,
    project: false,
  })
  const before = await db()
    .select({ seq: sql<number>`max(${xapiStatements.seq})` })
    .from(xapiStatements)
  await bulkLoadPosts({ posts: [post] })
  const bulkRows = await db()
    .select()
    .from(xapiStatements)
    .where(sql`${xapiStatements.seq} > ${Number(before[0]?.seq ?? 0)}`)
  const storeRows = await db().select().from(xapiStatements).where(inArray(xapiStatements.id, viaStore))
  const comparable = async (rows: typeof storeRows) => {
    const seqs = rows.map((row) => row.seq)
    const agents = await db().select().from(xapiStatementAgents).where(inArray(xapiStatementAgents.statementSeq, seqs))
    const activities = await db()
      .select()
      .from(xapiStatementActivities)
      .where(inArray(xapiStatementActivities.statementSeq, seqs))
    return rows
      .sort((a, b) => a.seq - b.seq)
      .map(({ seq, id: _id, stored: _stored, statement, ...row }) => {
        const { id: _sid, stored: _sstored, ...content } = statement
        const keys = (list: { statementSeq: number }[]) =>
          list
            .filter((entry) => entry.statementSeq === seq)
            .map(({ statementSeq: _seq, ...entry }) => JSON.stringify(entry))
            .sort()
        return JSON.stringify({
          ...row,
          timestamp: row.timestamp.getTime(),
          content,
          agents: keys(agents),
          activities: keys(activities),
        })
      })
  }
  const [expected, actual] = [await comparable(storeRows), await comparable(bulkRows)]
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    throw new Error(
      `bulkLoadPosts no longer writes what storeStatements writes:\n  store: ${expected.join('\n         ')}\n  bulk:  ${actual.join('\n         ')}`,
    )
  }
}
