import type { CourseMapping } from '#app/lib/content/course-mapping.schema.ts'
import type { Competency } from '#app/lib/content/framework.schema.ts'
import type { Frontmatter } from '#app/lib/content/module.schema.ts'
import type { Schema } from '#app/lib/db.server.ts'
import { contentVersionExtension, moduleActivityId } from '#app/lib/learning/module-statements.ts'
import type { Statement } from '#app/lib/xapi/model/statement-schema.ts'
import { verbs } from '#app/lib/xapi/model/vocabulary.ts'
import { satisfiedCourseOf } from './course-satisfied.ts'
import { currentLevelExtension, selfAssessedVerb, targetLevelExtension } from './self-rating.ts'

// What one statement does to the projections, with no database: the write side (./projection-writer.server.ts)
// looks up what a rule needs (the attempt so far, the sections already seen, the module's competencies,
// whether the authority is trusted) and writes what it returns. Every value comes from the statement itself
// and from those inputs, so applying statements one at a time as they are stored gives the same rows as
// replaying them all (./projector.server.ts).
//
// Only actors that are this app's learners count: an Agent whose account homePage is PUBLIC_URL; account.name
// is the user id.
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
// - Course evidence: a cmi5 course's `satisfied` (./course-satisfied.ts) stored with the app's own authority
//   (the platform decides satisfaction; no LRS client or content is trusted for it) gives the same rows for
//   the competencies content/courses.yaml maps the course to, under the course's slug.
// - Self-ratings: see ./self-rating.ts; the latest per learner and competency wins.

export type AttemptRow = Schema['moduleAttempts']['$inferSelect']
/** An evidence row but its id, which the database gives it. */
export type EvidenceRow = Omit<Schema['competencyEvidence']['$inferSelect'], 'id'>
export type RatingRow = Schema['selfRatings']['$inferInsert']
type Status = AttemptRow['status']

export interface ProjectionSettings {
  publicUrl: string
  activityBase: string
}

const STATUS_RANK: Record<Status, number> = { 'in-progress': 0, failed: 1, completed: 2, passed: 3 }
const SCORE_VERBS: ReadonlySet<string> = new Set([verbs.passed, verbs.failed, verbs.completed, verbs.scored])
const REACHED_STATUS: ReadonlyMap<string, Status> = new Map([
  [verbs.passed, 'passed'],
  [verbs.failed, 'failed'],
  [verbs.completed, 'completed'],
])
const APP_AUTHORITY_NAME = 'skills-platform'

/** What a statement says that the projections care about, read once. */
export type StatementReading =
  | {
      kind: 'self-rating'
      userId: string
      statementId: string | undefined
      timestamp: Date
      competencyActivityId: string
      extensions: Record<string, unknown>
    }
  | {
      kind: 'module'
      userId: string
      statementId: string | undefined
      timestamp: Date
      slug: string
      verbId: string
      /** Lower case, as attempts are keyed. */
      registration: string | null
      isModuleObject: boolean
      /** The object id when it is one of the module's numbered sections and the verb is experienced. */
      sectionExperienced: string | null
      scaled: number | undefined
      contentVersion: string | undefined
      /** A pass of the module itself: evidence, if its authority is trusted. */
      passesModule: boolean
      authority: Statement['authority']
    }
  | {
      kind: 'course-satisfied'
      userId: string
      statementId: string | undefined
      timestamp: Date
      /** The publisher's course IRI. */
      courseId: string
      authority: Statement['authority']
    }

/** The user id when the actor is one of this app's learners. */
export function learnerOf(statement: Statement, { publicUrl }: Pick<ProjectionSettings, 'publicUrl'>): string | null {
  const { actor } = statement
  if (actor.objectType === 'Group' || actor.account?.homePage !== publicUrl) return null
  return actor.account.name
}

export const learnerKey = (publicUrl: string, userId: string) => `account:${publicUrl}|${userId}`

/** Where an attempt's sections are: `…/modules/<slug>/sections/<n>`. */
export const sectionPrefix = (activityBase: string, slug: string) => `${moduleActivityId(activityBase, slug)}/sections/`
export const isSection = (activityId: string | null | undefined, prefix: string): activityId is string =>
  !!activityId?.startsWith(prefix) && /^\d+$/.test(activityId.slice(prefix.length))

/** The parts of a statement the rules use, or null when it cannot change any projection. */
export function readStatement(statement: Statement, settings: ProjectionSettings): StatementReading | null {
  const userId = learnerOf(statement, settings)
  if (!userId) return null
  const verbId = statement.verb.id
  if (verbId === verbs.voided) return null
  const timestamp = new Date(String(statement.timestamp))
  if (Number.isNaN(timestamp.getTime())) return null
  const { object } = statement
  const objectId = object.objectType === undefined || object.objectType === 'Activity' ? object.id : null
  const statementId = statement.id

  if (verbId === selfAssessedVerb(settings.publicUrl) && objectId) {
    const extensions = statement.result?.extensions ?? {}
    return { kind: 'self-rating', userId, statementId, timestamp, competencyActivityId: objectId, extensions }
  }
  const courseId = satisfiedCourseOf(statement, settings.activityBase)
  if (courseId)
    return { kind: 'course-satisfied', userId, statementId, timestamp, courseId, authority: statement.authority }
  const slug = moduleSlugOf(statement, objectId, settings.activityBase)
  if (!slug) return null
  const isModuleObject = objectId === moduleActivityId(settings.activityBase, slug)
  const context = statement.context
  const version = context?.extensions?.[contentVersionExtension(settings.publicUrl)]
  return {
    kind: 'module',
    userId,
    statementId,
    timestamp,
    slug,
    verbId,
    registration: context?.registration?.toLowerCase() ?? null,
    isModuleObject,
    sectionExperienced:
      verbId === verbs.experienced && isSection(objectId, sectionPrefix(settings.activityBase, slug)) ? objectId : null,
    scaled: statement.result?.score?.scaled,
    contentVersion: typeof version === 'string' ? version : undefined,
    passesModule: verbId === verbs.passed && isModuleObject,
    authority: statement.authority,
  }
}

function moduleSlugOf(statement: Statement, objectId: string | null, activityBase: string): string | null {
  const prefix = `${activityBase}modules/`
  const contextActivities = statement.context?.contextActivities
  // The schema makes each list an array; `flat` also reads a lone Activity stored without being parsed.
  const related = [contextActivities?.parent ?? [], contextActivities?.grouping ?? []].flat()
  for (const id of [objectId, ...related.map((activity) => activity.id)]) {
    if (!id?.startsWith(prefix)) continue
    const slug = id.slice(prefix.length).split('/')[0]
    if (slug) return slug
  }
  return null
}

/** The first learner and module seen for a registration own it. */
export const ownsAttempt = (reading: { userId: string; slug: string }, attempt: AttemptRow | null) =>
  !attempt || (attempt.userId === reading.userId && attempt.moduleSlug === reading.slug)

/**
 * The attempt after this statement, given the attempt so far (null before its first statement) and the
 * sections of it already seen; null when the statement has no registration or the attempt is someone else's.
 */
export function attemptAfter(
  reading: Extract<StatementReading, { kind: 'module' }>,
  current: AttemptRow | null,
  sectionsSeen: ReadonlySet<string>,
): AttemptRow | null {
  const { registration, userId, slug, timestamp } = reading
  if (!registration || !ownsAttempt(reading, current)) return null
  const row: AttemptRow = current
    ? { ...current }
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
  if (reading.contentVersion !== undefined) row.contentVersion = reading.contentVersion
  if (reading.isModuleObject) {
    const reached = REACHED_STATUS.get(reading.verbId)
    if (reached && STATUS_RANK[reached] > STATUS_RANK[row.status]) row.status = reached
    if ((row.status === 'completed' || row.status === 'passed') && !row.completedAt) row.completedAt = timestamp
    const { scaled } = reading
    if (SCORE_VERBS.has(reading.verbId) && scaled !== undefined && (row.bestScaled === null || scaled > row.bestScaled))
      row.bestScaled = scaled
  }
  if (reading.sectionExperienced) {
    row.sectionsSeen = sectionsSeen.size + (sectionsSeen.has(reading.sectionExperienced) ? 0 : 1)
  }
  return row
}

/** Whether an authority's passes are evidence: the app itself, or an LRS client trusted by an administrator. */
export function authorityTrust(
  authority: Statement['authority'],
  { publicUrl }: Pick<ProjectionSettings, 'publicUrl'>,
): { trusted: boolean } | { clientKey: string } {
  if (!authority || authority.objectType === 'Group' || !authority.account) return { trusted: false }
  const { homePage, name } = authority.account
  if (homePage === publicUrl) return { trusted: name === APP_AUTHORITY_NAME }
  if (homePage !== `${publicUrl}/xapi/clients`) return { trusted: false }
  return { clientKey: name }
}

/**
 * The evidence a trusted pass of a module gives: one row per competency the module maps to, expiring the
 * competency's refreshMonths after the pass. Nothing for anything else, or for a module the content lacks.
 */
export function evidenceFrom(
  reading: StatementReading,
  {
    trustedAuthority,
    moduleCompetencies,
    competencies,
  }: {
    trustedAuthority: boolean
    moduleCompetencies: Frontmatter['competencies'] | undefined
    competencies: ReadonlyMap<string, Pick<Competency, 'refreshMonths'>>
  },
): EvidenceRow[] {
  if (reading.kind !== 'module' || !reading.passesModule || !trustedAuthority) return []
  const { statementId, userId, slug, timestamp } = reading
  if (!moduleCompetencies || statementId === undefined) return []
  return moduleCompetencies.map((mapping) => {
    const refreshMonths = competencies.get(mapping.id)?.refreshMonths
    return {
      userId,
      competencyId: mapping.id,
      level: mapping.level,
      moduleSlug: slug,
      statementId,
      achievedAt: timestamp,
      expiresAt: refreshMonths ? addMonths(timestamp, refreshMonths) : null,
    }
  })
}

/** Only the app itself decides that a course is satisfied: an LRS client, however trusted, cannot. */
export function isAppAuthority(
  authority: Statement['authority'],
  settings: Pick<ProjectionSettings, 'publicUrl'>,
): boolean {
  const trust = authorityTrust(authority, settings)
  return 'trusted' in trust && trust.trusted
}

/** The evidence the platform's satisfied of a mapped course gives; nothing for a course courses.yaml does not map. */
export function courseEvidenceFrom(
  reading: StatementReading,
  {
    byApp,
    mapping,
    competencies,
  }: {
    /** Whether the statement's authority is the app itself (isAppAuthority). */
    byApp: boolean
    mapping: Pick<CourseMapping, 'slug' | 'competencies'> | null
    competencies: ReadonlyMap<string, Pick<Competency, 'refreshMonths'>>
  },
): EvidenceRow[] {
  if (reading.kind !== 'course-satisfied' || !byApp || !mapping || reading.statementId === undefined) return []
  const { userId, statementId, timestamp } = reading
  return mapping.competencies.map((competency) => {
    const refreshMonths = competencies.get(competency.id)?.refreshMonths
    return {
      userId,
      competencyId: competency.id,
      level: competency.level,
      moduleSlug: mapping.slug,
      statementId,
      achievedAt: timestamp,
      expiresAt: refreshMonths ? addMonths(timestamp, refreshMonths) : null,
    }
  })
}

/** The self-rating a self-assessed statement records, or null when it is not a valid rating of a known competency. */
export function selfRatingFrom(
  reading: StatementReading,
  {
    settings,
    competencies,
  }: { settings: ProjectionSettings; competencies: ReadonlyMap<string, Pick<Competency, 'refreshMonths'>> },
): RatingRow | null {
  if (reading.kind !== 'self-rating') return null
  const prefix = `${settings.activityBase}competencies/`
  const { competencyActivityId, statementId, extensions, userId, timestamp } = reading
  if (!competencyActivityId.startsWith(prefix) || statementId === undefined) return null
  const competencyId = competencyActivityId.slice(prefix.length)
  if (!competencies.has(competencyId)) return null
  const current = extensions[currentLevelExtension(settings.publicUrl)]
  const target = extensions[targetLevelExtension(settings.publicUrl)]
  if (!isLevel(current, 0)) return null
  if (target !== undefined && target !== null && !isLevel(target, 1)) return null
  return { userId, competencyId, current, target: isLevel(target, 1) ? target : null, statementId, ratedAt: timestamp }
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
