import { and, asc, count, eq, getTableColumns, gt, inArray, lt, sql, type Table } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { defaultContentRoot } from '#app/lib/content/content-root.server.ts'
import { findModule } from '#app/lib/content/catalogue.server.ts'
import { competencyIndex, frameworkRootFor, loadFramework } from '#app/lib/content/framework.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { publicUrl as appPublicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { verbs } from '#app/lib/xapi/model/vocabulary.ts'
import { readinessPeriods as computeReadinessPeriods } from '#app/lib/learning/readiness-periods.ts'
import { contentVersionExtension, moduleActivityId } from '#app/lib/learning/module-statements.ts'
import { lockProjections } from './projection-lock.server.ts'
import { currentLevelExtension, selfAssessedVerb, targetLevelExtension } from './self-rating.ts'
import { rebuildTeamRollups, refreshTeamRollups, teamsOf } from './team-rollups.server.ts'

// Projections (module attempts, competency evidence, self-ratings, and from those readiness periods) are
// derived from xAPI statements only; the team rollups the flush refreshes (./team-rollups.server.ts)
// also take in memberships and role targets.
// Every value written comes from the statements themselves (their timestamps, ids, results), from the
// content (module competency mappings, refreshMonths) and from lrs_clients.trustedForEvidence, so applying
// statements one at a time as they are stored gives the same rows as `rebuildProjections()`, which replays
// every non-voided statement in `seq` order. Voiding recomputes the affected learners through that replay.
//
// Rules, statement by statement (only actors that are this app's learners count: an Agent whose account
// homePage is PUBLIC_URL; account.name is the user id):
// - Attempts: a statement with context.registration about a module activity (`${activityBase}modules/<slug>`,
//   as object, as a prefix of the object id, or among contextActivities parent/grouping). The first learner
//   and module seen for a registration own it; later statements on it from anyone else are ignored.
//   status ranks in-progress < failed < completed < passed and never goes down within an attempt;
//   bestScaled is the highest result.score.scaled of passed/failed/completed/scored on the module;
//   sectionsSeen counts distinct `…/sections/<n>` activities experienced; contentVersion is the latest
//   content-version extension; startedAt/updatedAt are the earliest/latest statement timestamps;
//   completedAt is the timestamp of the statement that first made it completed or passed.
// - Evidence: a `passed` whose object is a module activity and whose authority is trusted (the app itself,
//   or an LRS client with trustedForEvidence) gives one row per competency the module maps to, at the mapped
//   level, achieved at the statement's timestamp, expiring refreshMonths later (never, without one).
// - Self-ratings: see ./self-rating.ts; the latest per learner and competency wins.

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

export interface StoredStatement {
  seq: number
  statement: Json
}

type AttemptRow = ReturnType<typeof schema>['moduleAttempts']['$inferSelect']
type EvidenceRow = ReturnType<typeof schema>['competencyEvidence']['$inferInsert']
type RatingRow = ReturnType<typeof schema>['selfRatings']['$inferInsert']
type ReadinessPeriodRow = ReturnType<typeof schema>['readinessPeriods']['$inferSelect']
type Status = AttemptRow['status']
const STATUS_RANK: Record<Status, number> = { 'in-progress': 0, failed: 1, completed: 2, passed: 3 }
const SCORE_VERBS: ReadonlySet<string> = new Set([verbs.passed, verbs.failed, verbs.completed, verbs.scored])
const APP_AUTHORITY_NAME = 'skills-platform'

export interface ProjectorSettings {
  publicUrl: string
  activityBase: string
  contentRoot: string
}

const defaultSettings = (): ProjectorSettings => ({
  publicUrl: appPublicUrl,
  activityBase: xapiActivityBase,
  contentRoot: defaultContentRoot(),
})

/** One pass of statements through the projections; caches what it looks up, and is used inside one transaction. */
class Projector {
  private readonly attempts = new Map<string, AttemptRow | null>()
  private readonly sections = new Map<string, Set<string>>()
  private readonly modules = new Map<string, ReturnType<typeof findModule>>()
  private readonly clientTrust = new Map<string, boolean>()
  private competencies: ReturnType<typeof competencyIndex> | undefined
  private loadedFramework: Framework | undefined
  // Writes wait for flush(): a batch of statements touching one attempt many times writes it once.
  private readonly changedAttempts = new Set<string>()
  private readonly newEvidence: EvidenceRow[] = []
  private readonly changedRatings = new Map<string, RatingRow>()
  private readonly evidenceChangedFor = new Set<string>()

  constructor(
    readonly settings: ProjectorSettings,
    /** false while rebuilding everything: the rollups are then rebuilt once at the end. */
    private readonly refreshesTeamRollups = true,
  ) {}

  /** The user id when the actor is one of this app's learners. */
  learnerOf(statement: Json): string | null {
    const actor = statement.actor
    if (!isObject(actor) || (actor.objectType !== undefined && actor.objectType !== 'Agent')) return null
    const account = actor.account
    if (!isObject(account) || account.homePage !== this.settings.publicUrl || typeof account.name !== 'string')
      return null
    return account.name
  }

  learnerKey(userId: string): string {
    return `account:${this.settings.publicUrl}|${userId}`
  }

  async apply({ seq, statement }: StoredStatement): Promise<void> {
    const userId = this.learnerOf(statement)
    if (!userId) return
    const verbId = isObject(statement.verb) ? statement.verb.id : undefined
    if (verbId === verbs.voided || typeof verbId !== 'string') return
    const timestamp = new Date(String(statement.timestamp))
    if (Number.isNaN(timestamp.getTime())) return
    const object = isObject(statement.object) ? statement.object : {}
    const objectId =
      (object.objectType ?? 'Activity') === 'Activity' && typeof object.id === 'string' ? object.id : null

    if (verbId === selfAssessedVerb(this.settings.publicUrl) && objectId) {
      await this.applySelfRating({ statement, userId, objectId, timestamp })
      return
    }
    const slug = this.moduleSlugOf(statement, objectId)
    if (!slug) return
    const isModuleObject = objectId === moduleActivityId(this.settings.activityBase, slug)
    await this.applyAttempt({ seq, statement, userId, slug, verbId, objectId, isModuleObject, timestamp })
    if (verbId === verbs.passed && isModuleObject && (await this.isTrustedAuthority(statement.authority))) {
      await this.applyEvidence({ statement, userId, slug, timestamp })
    }
  }

  private moduleSlugOf(statement: Json, objectId: string | null): string | null {
    const prefix = `${this.settings.activityBase}modules/`
    const context = isObject(statement.context) ? statement.context : {}
    const contextActivities = isObject(context.contextActivities) ? context.contextActivities : {}
    const related = ['parent', 'grouping'].flatMap((kind) => {
      const list = contextActivities[kind]
      return (Array.isArray(list) ? list : isObject(list) ? [list] : []).flatMap((activity) =>
        isObject(activity) && typeof activity.id === 'string' ? [activity.id] : [],
      )
    })
    for (const id of [objectId, ...related]) {
      if (!id?.startsWith(prefix)) continue
      const slug = id.slice(prefix.length).split('/')[0]
      if (slug) return slug
    }
    return null
  }

  private async applyAttempt({
    seq,
    statement,
    userId,
    slug,
    verbId,
    objectId,
    isModuleObject,
    timestamp,
  }: {
    seq: number
    statement: Json
    userId: string
    slug: string
    verbId: string
    objectId: string | null
    isModuleObject: boolean
    timestamp: Date
  }) {
    const context = isObject(statement.context) ? statement.context : {}
    if (typeof context.registration !== 'string') return
    const registration = context.registration.toLowerCase()
    const existing = await this.attempt(registration)
    if (existing && (existing.userId !== userId || existing.moduleSlug !== slug)) return

    const row: AttemptRow = existing
      ? { ...existing }
      : {
          registration,
          userId,
          moduleSlug: slug,
          status: 'in-progress',
          bestScaled: null,
          sectionsSeen: 0,
          contentVersion: null,
          startedAt: timestamp,
          updatedAt: timestamp,
          completedAt: null,
        }
    if (timestamp < row.startedAt) row.startedAt = timestamp
    if (timestamp > row.updatedAt) row.updatedAt = timestamp
    const extensions = isObject(context.extensions) ? context.extensions : {}
    const version = extensions[contentVersionExtension(this.settings.publicUrl)]
    if (typeof version === 'string') row.contentVersion = version

    if (isModuleObject) {
      const reached: Status | null =
        verbId === verbs.passed
          ? 'passed'
          : verbId === verbs.failed
            ? 'failed'
            : verbId === verbs.completed
              ? 'completed'
              : null
      if (reached && STATUS_RANK[reached] > STATUS_RANK[row.status]) row.status = reached
      if ((row.status === 'completed' || row.status === 'passed') && !row.completedAt) row.completedAt = timestamp
      const result = isObject(statement.result) ? statement.result : {}
      const scaled = isObject(result.score) ? result.score.scaled : undefined
      if (
        SCORE_VERBS.has(verbId) &&
        typeof scaled === 'number' &&
        (row.bestScaled === null || scaled > row.bestScaled)
      ) {
        row.bestScaled = scaled
      }
    }
    const sectionPrefix = `${moduleActivityId(this.settings.activityBase, slug)}/sections/`
    if (
      verbId === verbs.experienced &&
      objectId?.startsWith(sectionPrefix) &&
      /^\d+$/.test(objectId.slice(sectionPrefix.length))
    ) {
      const seen = await this.sectionsSeen({ registration, userId, sectionPrefix, beforeSeq: seq })
      seen.add(objectId)
      row.sectionsSeen = seen.size
    }

    this.attempts.set(registration, row)
    this.changedAttempts.add(registration)
  }

  /** Loads the attempts a batch of statements refers to in one query rather than one per statement. */
  async preload(statements: StoredStatement[]): Promise<void> {
    const registrations = new Set<string>()
    for (const { statement } of statements) {
      const context = isObject(statement.context) ? statement.context : {}
      const registration = typeof context.registration === 'string' ? context.registration.toLowerCase() : null
      if (registration && !this.attempts.has(registration) && this.learnerOf(statement)) registrations.add(registration)
    }
    const { moduleAttempts } = schema()
    for (const chunk of chunks([...registrations], 500)) {
      const rows = await db().select().from(moduleAttempts).where(inArray(moduleAttempts.registration, chunk))
      const found = new Map(rows.map((row) => [row.registration, row]))
      for (const registration of chunk) this.remember(registration, found.get(registration) ?? null)
    }
  }

  private remember(registration: string, row: AttemptRow | null) {
    this.attempts.set(registration, row)
    // No attempt yet means no section of it has been projected either: nothing to look up later.
    if (!row && !this.sections.has(registration)) this.sections.set(registration, new Set())
  }

  private async attempt(registration: string): Promise<AttemptRow | null> {
    if (!this.attempts.has(registration)) {
      const { moduleAttempts } = schema()
      const [row] = await db().select().from(moduleAttempts).where(eq(moduleAttempts.registration, registration))
      this.remember(registration, row ?? null)
    }
    return this.attempts.get(registration) ?? null
  }

  /** Writes what apply() changed since the last flush: each attempt and self-rating once, evidence in bulk. */
  async flush(): Promise<void> {
    const { moduleAttempts, competencyEvidence, selfRatings } = schema()
    const attempts = [...this.changedAttempts].flatMap((registration) => this.attempts.get(registration) ?? [])
    this.changedAttempts.clear()
    for (const chunk of chunks(attempts, 500)) {
      await db()
        .insert(moduleAttempts)
        .values(chunk)
        .onConflictDoUpdate({
          target: moduleAttempts.registration,
          set: takeExcluded(moduleAttempts, [
            'userId',
            'moduleSlug',
            'status',
            'bestScaled',
            'sectionsSeen',
            'contentVersion',
            'startedAt',
            'updatedAt',
            'completedAt',
          ]),
        })
    }
    for (const chunk of chunks(this.newEvidence.splice(0), 500)) await db().insert(competencyEvidence).values(chunk)
    const learners = [...this.evidenceChangedFor]
    this.evidenceChangedFor.clear()
    const readinessChanged = await rewriteReadinessPeriods(learners, this.framework())
    const ratings = [...this.changedRatings.values()]
    this.changedRatings.clear()
    // A team's self-assessed count only changes with someone's first rating.
    const firstTimeRaters = this.refreshesTeamRollups
      ? await withoutRatings([...new Set(ratings.map((rating) => rating.userId))])
      : []
    for (const chunk of chunks(ratings, 500)) {
      await db()
        .insert(selfRatings)
        .values(chunk)
        .onConflictDoUpdate({
          target: [selfRatings.userId, selfRatings.competencyId],
          set: takeExcluded(selfRatings, ['current', 'target', 'statementId', 'ratedAt']),
        })
    }
    if (this.refreshesTeamRollups) {
      const teamIds = await teamsOf([...readinessChanged, ...firstTimeRaters])
      await refreshTeamRollups({ teamIds, framework: this.framework() })
    }
  }

  /** The sections this learner experienced in the attempt before `beforeSeq`, loaded once per pass. */
  private async sectionsSeen({
    registration,
    userId,
    sectionPrefix,
    beforeSeq,
  }: {
    registration: string
    userId: string
    sectionPrefix: string
    beforeSeq: number
  }): Promise<Set<string>> {
    let seen = this.sections.get(registration)
    if (!seen) {
      const { xapiStatements } = schema()
      const rows = await db()
        .selectDistinct({ activityId: xapiStatements.objectActivityId })
        .from(xapiStatements)
        .where(
          and(
            eq(xapiStatements.registration, registration),
            eq(xapiStatements.verbId, verbs.experienced),
            eq(xapiStatements.actorKey, this.learnerKey(userId)),
            eq(xapiStatements.isVoided, false),
            lt(xapiStatements.seq, beforeSeq),
          ),
        )
      seen = new Set(
        rows.flatMap(({ activityId }) =>
          activityId?.startsWith(sectionPrefix) && /^\d+$/.test(activityId.slice(sectionPrefix.length))
            ? [activityId]
            : [],
        ),
      )
      this.sections.set(registration, seen)
    }
    return seen
  }

  private async isTrustedAuthority(authority: unknown): Promise<boolean> {
    if (!isObject(authority) || !isObject(authority.account)) return false
    const { homePage, name } = authority.account
    if (typeof name !== 'string') return false
    if (homePage === this.settings.publicUrl) return name === APP_AUTHORITY_NAME
    if (homePage !== `${this.settings.publicUrl}/xapi/clients`) return false
    if (!this.clientTrust.has(name)) {
      const { lrsClients } = schema()
      const [client] = await db()
        .select({ trusted: lrsClients.trustedForEvidence })
        .from(lrsClients)
        .where(eq(lrsClients.key, name))
      this.clientTrust.set(name, client?.trusted ?? false)
    }
    return this.clientTrust.get(name) ?? false
  }

  private module(slug: string) {
    if (!this.modules.has(slug))
      this.modules.set(slug, findModule({ slug, includeDrafts: true, root: this.settings.contentRoot }))
    return this.modules.get(slug) ?? null
  }

  framework() {
    this.loadedFramework ??= loadFramework({ root: frameworkRootFor(this.settings.contentRoot) })
    return this.loadedFramework
  }

  private competencyIndex() {
    this.competencies ??= competencyIndex(this.framework())
    return this.competencies
  }

  private async applyEvidence({
    statement,
    userId,
    slug,
    timestamp,
  }: {
    statement: Json
    userId: string
    slug: string
    timestamp: Date
  }) {
    const module = this.module(slug)
    if (!module || typeof statement.id !== 'string') return
    const competencies = this.competencyIndex()
    const rows = module.frontmatter.competencies.map((mapping) => {
      const refreshMonths = competencies.get(mapping.id)?.refreshMonths
      return {
        userId,
        competencyId: mapping.id,
        level: mapping.level,
        moduleSlug: slug,
        statementId: statement.id as string,
        achievedAt: timestamp,
        expiresAt: refreshMonths ? addMonths(timestamp, refreshMonths) : null,
      }
    })
    this.newEvidence.push(...rows)
    this.evidenceChangedFor.add(userId)
  }

  private async applySelfRating({
    statement,
    userId,
    objectId,
    timestamp,
  }: {
    statement: Json
    userId: string
    objectId: string
    timestamp: Date
  }) {
    const prefix = `${this.settings.activityBase}competencies/`
    if (!objectId.startsWith(prefix) || typeof statement.id !== 'string') return
    const competencyId = objectId.slice(prefix.length)
    if (!this.competencyIndex().has(competencyId)) return
    const result = isObject(statement.result) ? statement.result : {}
    const extensions = isObject(result.extensions) ? result.extensions : {}
    const current = extensions[currentLevelExtension(this.settings.publicUrl)]
    const target = extensions[targetLevelExtension(this.settings.publicUrl)]
    if (!isLevel(current, 0)) return
    if (target !== undefined && target !== null && !isLevel(target, 1)) return
    const values = {
      current,
      target: isLevel(target, 1) ? target : null,
      statementId: statement.id,
      ratedAt: timestamp,
    }
    this.changedRatings.set(`${userId}|${competencyId}`, { userId, competencyId, ...values })
  }
}

/** `set` for an upsert that takes these columns from the row that was being inserted. */
function takeExcluded<T extends Table>(table: T, keys: (keyof T['$inferInsert'] & string)[]) {
  const columns = getTableColumns(table)
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded."${columns[key]?.name ?? key}"`)]))
}

const isLevel = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 4

/** Calendar months later; the 31st of a month lands on the last day of a shorter one. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date)
  const day = result.getUTCDate()
  result.setUTCDate(1)
  result.setUTCMonth(result.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate()
  result.setUTCDate(Math.min(day, lastDay))
  return result
}

const BATCH_SIZE = 1000

/**
 * Replays non-voided statements in `seq` order, in batches, through one projector. With `userIds`, only
 * those learners' statements (found through the actor index).
 */
async function replay(
  projector: Projector,
  { userIds, onProgress }: { userIds?: string[]; onProgress?: (done: number) => void },
) {
  const { xapiStatements, xapiStatementAgents } = schema()
  const actorKeys = userIds?.map((id) => projector.learnerKey(id))
  let after = 0
  let done = 0
  for (;;) {
    const rows = actorKeys
      ? await db()
          .select({ seq: xapiStatements.seq, statement: xapiStatements.statement })
          .from(xapiStatementAgents)
          .innerJoin(xapiStatements, eq(xapiStatements.seq, xapiStatementAgents.statementSeq))
          .where(
            and(
              inArray(xapiStatementAgents.agentKey, actorKeys),
              eq(xapiStatementAgents.relation, 'actor'),
              eq(xapiStatements.isVoided, false),
              gt(xapiStatements.seq, after),
            ),
          )
          .orderBy(asc(xapiStatements.seq))
          .limit(BATCH_SIZE)
      : await db()
          .select({ seq: xapiStatements.seq, statement: xapiStatements.statement })
          .from(xapiStatements)
          .where(and(eq(xapiStatements.isVoided, false), gt(xapiStatements.seq, after)))
          .orderBy(asc(xapiStatements.seq))
          .limit(BATCH_SIZE)
    await projector.preload(rows)
    for (const row of rows) await projector.apply(row)
    await projector.flush()
    done += rows.length
    onProgress?.(done)
    const last = rows.at(-1)
    if (!last || rows.length < BATCH_SIZE) return
    after = last.seq
  }
}

async function deleteProjections(userIds?: string[]) {
  const { moduleAttempts, competencyEvidence, selfRatings, readinessPeriods } = schema()
  if (!userIds) {
    for (const table of [moduleAttempts, competencyEvidence, selfRatings, readinessPeriods]) await db().delete(table)
    return
  }
  await db().delete(moduleAttempts).where(inArray(moduleAttempts.userId, userIds))
  await db().delete(competencyEvidence).where(inArray(competencyEvidence.userId, userIds))
  await db().delete(selfRatings).where(inArray(selfRatings.userId, userIds))
  await db().delete(readinessPeriods).where(inArray(readinessPeriods.userId, userIds))
}

/** Those of these learners who have no self-rating yet. */
async function withoutRatings(userIds: string[]): Promise<string[]> {
  const { selfRatings } = schema()
  const rated = new Set<string>()
  for (const chunk of chunks(userIds, 500)) {
    for (const row of await db()
      .selectDistinct({ userId: selfRatings.userId })
      .from(selfRatings)
      .where(inArray(selfRatings.userId, chunk)))
      rated.add(row.userId)
  }
  return userIds.filter((userId) => !rated.has(userId))
}

/**
 * Recomputes these learners' readiness periods from all their evidence and rewrites those that differ
 * (most new evidence only renews what is already covered). Returns the learners whose periods changed.
 */
async function rewriteReadinessPeriods(userIds: string[], framework: Framework): Promise<string[]> {
  const { competencyEvidence, readinessPeriods } = schema()
  const changed: string[] = []
  const key = (periods: Omit<ReadinessPeriodRow, 'userId'>[]) =>
    periods
      .map((p) => `${p.domainId}|${p.level}|${p.readyFrom.getTime()}|${p.readyUntil?.getTime() ?? ''}`)
      .sort()
      .join(',')
  for (const chunk of chunks(userIds, 200)) {
    const [evidence, stored] = await Promise.all([
      db().select().from(competencyEvidence).where(inArray(competencyEvidence.userId, chunk)),
      db().select().from(readinessPeriods).where(inArray(readinessPeriods.userId, chunk)),
    ])
    const rows: ReadinessPeriodRow[] = []
    for (const userId of chunk) {
      const periods = computeReadinessPeriods({ framework, evidence: evidence.filter((e) => e.userId === userId) })
      if (key(periods) === key(stored.filter((row) => row.userId === userId))) continue
      changed.push(userId)
      rows.push(...periods.map((period) => ({ userId, ...period })))
    }
    const changedHere = chunk.filter((userId) => changed.includes(userId))
    if (changedHere.length > 0) await db().delete(readinessPeriods).where(inArray(readinessPeriods.userId, changedHere))
    for (const part of chunks(rows, 500)) await db().insert(readinessPeriods).values(part)
  }
  return changed
}

/**
 * Learners whose projections a void changes: the voided statements' actors, and everyone who shares an
 * attempt registration with them (the first learner on a registration owns it, so a void can hand it on).
 */
async function affectedLearners(projector: Projector, voidedIds: string[]): Promise<string[]> {
  const { xapiStatements, moduleAttempts } = schema()
  const targets = await db()
    .select({ statement: xapiStatements.statement, registration: xapiStatements.registration })
    .from(xapiStatements)
    .where(inArray(xapiStatements.id, voidedIds))
  const users = new Set(targets.flatMap(({ statement }) => projector.learnerOf(statement) ?? []))
  const registrations = new Set(targets.flatMap(({ registration }) => registration ?? []))
  for (let grew = users.size > 0; grew;) {
    const owned = await db()
      .select({ registration: moduleAttempts.registration })
      .from(moduleAttempts)
      .where(inArray(moduleAttempts.userId, [...users]))
    for (const { registration } of owned) registrations.add(registration)
    if (registrations.size === 0) break
    const sharing = await db()
      .select({ statement: xapiStatements.statement })
      .from(xapiStatements)
      .where(and(inArray(xapiStatements.registration, [...registrations]), eq(xapiStatements.isVoided, false)))
    const before = users.size
    for (const { statement } of sharing) {
      const userId = projector.learnerOf(statement)
      if (userId) users.add(userId)
    }
    grew = users.size > before
  }
  return [...users]
}

/**
 * Called by storeStatements inside its transaction with the statements it just inserted (in order).
 * Voids recompute the learners they touch by replaying their statements; everything else is applied as it comes.
 */
export async function projectStoredStatements(
  inserted: StoredStatement[],
  settings = defaultSettings(),
): Promise<void> {
  if (inserted.length === 0) return
  const projector = new Projector(settings)
  const voidedIds = inserted.flatMap(({ statement }) => {
    const verbId = isObject(statement.verb) ? statement.verb.id : undefined
    const object = isObject(statement.object) ? statement.object : {}
    return verbId === verbs.voided && typeof object.id === 'string' ? [object.id.toLowerCase()] : []
  })
  const recompute = voidedIds.length > 0 ? await affectedLearners(projector, voidedIds) : []
  if (recompute.length > 0) {
    await deleteProjections(recompute)
    const replaying = new Projector(settings)
    await replay(replaying, { userIds: recompute })
    // Replay refreshes the teams of those who still have evidence or ratings; this also covers those left with none.
    await refreshTeamRollups({ teamIds: await teamsOf(recompute), framework: replaying.framework() })
  }
  const recomputed = new Set(recompute)
  const toApply = inserted.filter((stored) => {
    const userId = projector.learnerOf(stored.statement)
    return userId !== null && !recomputed.has(userId)
  })
  await projector.preload(toApply)
  for (const stored of toApply) await projector.apply(stored)
  await projector.flush()
}

/**
 * Deletes every projection row and replays every non-voided statement in `seq` order, in one transaction
 * holding the statement-store lock, so nothing is stored half-way through. Returns how many were replayed.
 */
export async function rebuildProjections({
  onProgress,
  settings = defaultSettings(),
}: { onProgress?: (done: number, total: number) => void; settings?: ProjectorSettings } = {}): Promise<{
  replayed: number
}> {
  return transaction(async (tx) => {
    await lockProjections(tx)
    const { xapiStatements } = schema()
    const [counted] = await db()
      .select({ total: count() })
      .from(xapiStatements)
      .where(eq(xapiStatements.isVoided, false))
    const total = Number(counted?.total ?? 0)
    await deleteProjections()
    let replayed = 0
    const projector = new Projector(settings, false)
    await replay(projector, {
      onProgress: (done) => {
        replayed = done
        onProgress?.(done, total)
      },
    })
    await rebuildTeamRollups({ framework: projector.framework() })
    return { replayed }
  })
}
