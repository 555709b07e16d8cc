import { and, eq, getTableColumns, inArray, lt, sql, type Table } from 'drizzle-orm'
import { chunks } from '#app/lib/chunks.ts'
import { findModule } from '#app/lib/content/catalogue.server.ts'
import { courseMappingFor } from '#app/lib/content/course-mapping.server.ts'
import { defaultContentRoot } from '#app/lib/content/content-root.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { competencyIndex, frameworkRootFor, loadFramework } from '#app/lib/content/framework.server.ts'
import { db, type Schema, schema } from '#app/lib/db.server.ts'
import { publicUrl as appPublicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { readinessPeriods as computeReadinessPeriods } from '#app/lib/learning/readiness-periods.ts'
import type { Statement } from '#app/lib/xapi/model/statement-schema.ts'
import type { StoredStatement } from '#app/lib/xapi/store/statement-effects.server.ts'
import { verbs } from '#app/lib/xapi/model/vocabulary.ts'
import {
  type AttemptRow,
  type EvidenceRow,
  type ProjectionSettings,
  type RatingRow,
  type StatementReading,
  attemptAfter,
  authorityTrust,
  courseEvidenceFrom,
  evidenceFrom,
  isAppAuthority,
  isSection,
  learnerKey,
  learnerOf,
  ownsAttempt,
  readStatement,
  sectionPrefix,
  selfRatingFrom,
} from './projection-rules.ts'
import { refreshTeamRollups, teamsOf } from './team-rollups.server.ts'

// The write side of the projections: looks up what the rules (./projection-rules.ts) need, caching it for
// one pass of statements, and writes what they return. Used inside one transaction.

type ReadinessPeriodRow = Schema['readinessPeriods']['$inferSelect']

export interface ProjectorSettings extends ProjectionSettings {
  contentRoot: string
}

export const defaultSettings = (): ProjectorSettings => ({
  publicUrl: appPublicUrl,
  activityBase: xapiActivityBase,
  contentRoot: defaultContentRoot(),
})

/** One pass of statements through the projections; caches what it looks up, and is used inside one transaction. */
export class ProjectionWriter {
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

  learnerOf(statement: Statement): string | null {
    return learnerOf(statement, this.settings)
  }

  learnerKey(userId: string): string {
    return learnerKey(this.settings.publicUrl, userId)
  }

  async apply({ seq, statement }: StoredStatement): Promise<void> {
    const reading = readStatement(statement, this.settings)
    if (!reading) return
    if (reading.kind === 'self-rating') {
      const rating = selfRatingFrom(reading, { settings: this.settings, competencies: this.competencyIndex() })
      if (rating) this.changedRatings.set(`${rating.userId}|${rating.competencyId}`, rating)
      return
    }
    if (reading.kind === 'course-satisfied') {
      const evidence = courseEvidenceFrom(reading, {
        byApp: isAppAuthority(reading.authority, this.settings),
        mapping: courseMappingFor({ course: reading.courseId, root: this.settings.contentRoot }),
        competencies: this.competencyIndex(),
      })
      this.addEvidence(reading.userId, evidence)
      return
    }
    if (reading.registration) await this.applyAttempt(reading, reading.registration, seq)
    if (reading.passesModule && (await this.isTrusted(reading.authority))) {
      const evidence = evidenceFrom(reading, {
        trustedAuthority: true,
        moduleCompetencies: this.module(reading.slug)?.frontmatter.competencies,
        competencies: this.competencyIndex(),
      })
      this.addEvidence(reading.userId, evidence)
    }
  }

  private addEvidence(userId: string, evidence: EvidenceRow[]) {
    if (evidence.length === 0) return
    this.newEvidence.push(...evidence)
    this.evidenceChangedFor.add(userId)
  }

  private async applyAttempt(
    reading: Extract<StatementReading, { kind: 'module' }>,
    registration: string,
    seq: number,
  ) {
    const current = await this.attempt(registration)
    if (!ownsAttempt(reading, current)) return
    const { sectionExperienced } = reading
    const seen = sectionExperienced
      ? await this.sectionsSeen({ registration, userId: reading.userId, slug: reading.slug, beforeSeq: seq })
      : null
    const row = attemptAfter(reading, current, seen ?? NONE_SEEN)
    if (!row) return
    if (seen && sectionExperienced) seen.add(sectionExperienced)
    this.attempts.set(registration, row)
    this.changedAttempts.add(registration)
  }

  /** Loads the attempts a batch of statements refers to in one query rather than one per statement. */
  async preload(statements: StoredStatement[]): Promise<void> {
    const registrations = new Set<string>()
    for (const stored of statements) {
      const registration = stored.statement.context?.registration?.toLowerCase()
      if (registration && !this.attempts.has(registration) && this.learnerOf(stored.statement))
        registrations.add(registration)
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
    slug,
    beforeSeq,
  }: {
    registration: string
    userId: string
    slug: string
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
      const prefix = sectionPrefix(this.settings.activityBase, slug)
      seen = new Set(rows.flatMap(({ activityId }) => (isSection(activityId, prefix) ? [activityId] : [])))
      this.sections.set(registration, seen)
    }
    return seen
  }

  private async isTrusted(authority: Statement['authority']): Promise<boolean> {
    const trust = authorityTrust(authority, this.settings)
    if ('trusted' in trust) return trust.trusted
    const { clientKey } = trust
    if (!this.clientTrust.has(clientKey)) {
      const { lrsClients } = schema()
      const [client] = await db()
        .select({ trusted: lrsClients.trustedForEvidence })
        .from(lrsClients)
        .where(eq(lrsClients.key, clientKey))
      this.clientTrust.set(clientKey, client?.trusted ?? false)
    }
    return this.clientTrust.get(clientKey) ?? false
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
}

const NONE_SEEN: ReadonlySet<string> = new Set()

/** `set` for an upsert that takes these columns from the row that was being inserted. */
function takeExcluded<T extends Table>(table: T, keys: (keyof T['$inferInsert'] & string)[]) {
  const columns = getTableColumns(table)
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded."${columns[key]?.name ?? key}"`)]))
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
