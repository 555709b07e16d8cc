import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm'
import { db, type Schema, schema, transaction } from '#app/lib/db.server.ts'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { type AccountAgent, appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { agentKey, type Statement } from '#app/lib/xapi/model/statement-schema.ts'
import type { StoredBatch, StoredStatement } from '#app/lib/xapi/store/statement-effects.server.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { isCmi5Defined } from './au-rules.ts'
import { contentAuthority, sessionOf } from './au-sessions.server.ts'
import { cmi5Extensions, cmi5Verbs, platformObjectId } from './cmi5-vocabulary.ts'
import { satisfiedStatement } from './course-statements.ts'

// Where each AU of a course registration stands (course_au_progress), projected from the registration's
// statements, and the platform's satisfied statements when every AU of a block or of the course has met its
// moveOn criteria (cmi5 9.3.9). Installed as an effect of storing statements; `rebuildCourseProgress` replays
// the statements and gives the same rows without writing any statement (the satisfied ones are replayed too).

type Json = Record<string, unknown>
type AuRow = Schema['courseAus']['$inferSelect']
type ProgressRow = Schema['courseAuProgress']['$inferSelect']

interface RegistrationInfo {
  registration: string
  courseRowId: string
  courseId: string
  courseTitle: Record<string, string>
  user: { id: string; name: string }
  satisfiedAt: Date | null
}

const registrationOf = (statement: Statement) => {
  const registration = (statement.context as Json | undefined)?.registration
  return typeof registration === 'string' ? registration.toLowerCase() : null
}
const verbOf = (statement: Statement) => String((statement.verb as Json).id)
const objectIdOf = (statement: Statement) => String((statement.object as Json).id)
const timeOf = (statement: Statement) => new Date(String(statement.timestamp ?? statement.stored))

/** The statements-stored effect: keeps course_au_progress current and writes the satisfied statements it earns. */
export function projectCourseStatements(batch: StoredBatch): Promise<void> {
  return applyCourseStatements(batch.inserted, { emit: true })
}

async function applyCourseStatements(stored: StoredStatement[], { emit }: { emit: boolean }): Promise<void> {
  // Only cmi5-defined statements move a course on; most statements an LRS stores are not, and need no look-up.
  const inRegistration = stored.filter(
    ({ statement }) => registrationOf(statement) !== null && isCmi5Defined(statement as Json),
  )
  if (inRegistration.length === 0) return
  const registrations = await loadRegistrations([
    ...new Set(inRegistration.map(({ statement }) => registrationOf(statement) ?? '')),
  ])
  if (registrations.size === 0) return
  const ausByCourse = await loadAus([...new Set([...registrations.values()].map((info) => info.courseRowId))])
  const appKey = agentKey(appAuthority({ publicUrl }))
  const contentKey = agentKey(contentAuthority())
  const { courseSessions, courseRegistrations } = schema()

  // Per registration: the session whose statement last changed an AU's satisfaction (cmi5 9.3.9 asks the
  // satisfied statements it triggers to carry that session's id).
  const triggers = new Map<string, { sessionId: string; at: Date }>()
  for (const { statement } of inRegistration) {
    const info = registrations.get(registrationOf(statement) ?? '')
    if (!info) continue
    const aus = ausByCourse.get(info.courseRowId) ?? []
    const authority = statement.authority ? agentKey(statement.authority as Parameters<typeof agentKey>[0]) : ''
    const verb = verbOf(statement)
    const at = timeOf(statement)
    const sessionId = String(sessionOf(statement as Json) ?? '')
    const au = aus.find((candidate) => candidate.activityId === objectIdOf(statement))
    let changed = false

    if (authority === appKey) {
      if (verb === cmi5Verbs.launched) {
        // moveOn NotApplicable is met as soon as the learner is registered (cmi5 9.6.1).
        for (const each of aus.filter((candidate) => candidate.moveOn === 'NotApplicable'))
          changed = (await updateProgress(info.registration, each, { satisfiedAt: at })) || changed
      } else if (verb === cmi5Verbs.waived && au) {
        const reason = ((statement.result as Json | undefined)?.extensions as Json | undefined)?.[cmi5Extensions.reason]
        changed = await updateProgress(info.registration, au, {
          waivedAt: at,
          waivedReason: typeof reason === 'string' ? reason : null,
          satisfiedAt: at,
        })
      } else if (
        verb === cmi5Verbs.satisfied &&
        objectIdOf(statement) === platformObjectId(xapiActivityBase, 'course', info.courseId) &&
        !info.satisfiedAt
      ) {
        info.satisfiedAt = at
        await db()
          .update(courseRegistrations)
          .set({ satisfiedAt: at })
          .where(eq(courseRegistrations.registration, info.registration))
      }
    } else if (authority === contentKey && au) {
      if (verb === cmi5Verbs.initialized || verb === cmi5Verbs.terminated) {
        const column = verb === cmi5Verbs.initialized ? 'initializedAt' : 'terminatedAt'
        await db()
          .update(courseSessions)
          .set({ [column]: at })
          .where(and(eq(courseSessions.id, sessionId), isNull(courseSessions[column])))
      } else if (verb === cmi5Verbs.completed)
        changed = await updateProgress(info.registration, au, { completedAt: at })
      else if (verb === cmi5Verbs.passed) changed = await updateProgress(info.registration, au, { passedAt: at })
      else if (verb === cmi5Verbs.failed) await updateProgress(info.registration, au, { failedAt: at })
    }
    if (changed) triggers.set(info.registration, { sessionId, at })
  }

  if (!emit) return
  for (const [registration, trigger] of triggers) {
    const info = registrations.get(registration)
    if (info) await writeSatisfied(info, ausByCourse.get(info.courseRowId) ?? [], trigger)
  }
}

/**
 * Sets the progress fields not yet set (the first time each happened counts), then whether the AU's moveOn is
 * met. Answers whether the AU became satisfied just now.
 */
async function updateProgress(
  registration: string,
  au: AuRow,
  changes: Partial<
    Pick<ProgressRow, 'completedAt' | 'passedAt' | 'failedAt' | 'satisfiedAt' | 'waivedAt' | 'waivedReason'>
  >,
): Promise<boolean> {
  const { courseAuProgress } = schema()
  const where = and(eq(courseAuProgress.registration, registration), eq(courseAuProgress.auRowId, au.id))
  const [existing] = await db().select().from(courseAuProgress).where(where)
  const row: ProgressRow = existing ?? {
    registration,
    auRowId: au.id,
    completedAt: null,
    passedAt: null,
    failedAt: null,
    satisfiedAt: null,
    waivedAt: null,
    waivedReason: null,
  }
  const next: ProgressRow = { ...row }
  for (const [key, value] of Object.entries(changes) as [keyof typeof changes, Date | string | null][])
    if (next[key] === null) (next as Record<string, unknown>)[key] = value
  if (next.satisfiedAt === null && meetsMoveOn(au.moveOn, next)) {
    const times = [next.completedAt, next.passedAt].filter((time): time is Date => time !== null)
    next.satisfiedAt = new Date(Math.max(...times.map((time) => time.getTime())))
  }
  if (existing) await db().update(courseAuProgress).set(next).where(where)
  else await db().insert(courseAuProgress).values(next)
  return row.satisfiedAt === null && next.satisfiedAt !== null
}

function meetsMoveOn(moveOn: AuRow['moveOn'], row: ProgressRow): boolean {
  const completed = row.completedAt !== null
  const passed = row.passedAt !== null
  switch (moveOn) {
    case 'Completed':
      return completed
    case 'Passed':
      return passed
    case 'CompletedAndPassed':
      return completed && passed
    case 'CompletedOrPassed':
      return completed || passed
    case 'NotApplicable':
      return false
  }
}

/** The satisfied statements for blocks and the course whose AUs are now all satisfied, once per registration. */
async function writeSatisfied(info: RegistrationInfo, aus: AuRow[], trigger: { sessionId: string; at: Date }) {
  const { courseAuProgress, xapiStatements } = schema()
  const current = aus.filter((au) => au.removedAt === null)
  if (current.length === 0) return
  const progress = await db()
    .select({ auRowId: courseAuProgress.auRowId, satisfiedAt: courseAuProgress.satisfiedAt })
    .from(courseAuProgress)
    .where(eq(courseAuProgress.registration, info.registration))
  const satisfied = new Set(progress.filter((row) => row.satisfiedAt !== null).map((row) => row.auRowId))
  const blockIds = [...new Set(current.flatMap((au) => au.blockIds))]
  // Innermost blocks first, then outer ones, then the course: the order a learner's progress meets them.
  const depth = (blockId: string) => Math.max(...current.map((au) => au.blockIds.indexOf(blockId)))
  const targets: { kind: 'course' | 'block'; id: string; title?: Record<string, string> }[] = [
    ...blockIds
      .filter((blockId) => current.filter((au) => au.blockIds.includes(blockId)).every((au) => satisfied.has(au.id)))
      .sort((a, b) => depth(b) - depth(a))
      .map((blockId) => ({ kind: 'block' as const, id: platformObjectId(xapiActivityBase, 'block', blockId) })),
    ...(current.every((au) => satisfied.has(au.id))
      ? [
          {
            kind: 'course' as const,
            id: platformObjectId(xapiActivityBase, 'course', info.courseId),
            title: info.courseTitle,
          },
        ]
      : []),
  ]
  if (targets.length === 0) return
  const already = await db()
    .select({ objectActivityId: xapiStatements.objectActivityId })
    .from(xapiStatements)
    .where(
      and(
        eq(xapiStatements.registration, info.registration),
        eq(xapiStatements.verbId, cmi5Verbs.satisfied),
        eq(xapiStatements.authorityKey, agentKey(appAuthority({ publicUrl }))),
        inArray(
          xapiStatements.objectActivityId,
          targets.map((target) => target.id),
        ),
      ),
    )
  const done = new Set(already.map((row) => row.objectActivityId))
  const actor: AccountAgent = learnerAgent({ publicUrl, user: info.user })
  const statements = targets
    .filter((target) => !done.has(target.id))
    .map((target) =>
      satisfiedStatement({
        actor,
        registration: info.registration,
        target,
        sessionId: trigger.sessionId,
        at: trigger.at,
      }),
    )
  if (statements.length === 0) return
  // Inside the storing transaction (a savepoint), under the write lock it already holds.
  await storeStatements({
    statements,
    authority: appAuthority({ publicUrl }) as unknown as Json,
    version: '2.0.0',
    userId: info.user.id,
  })
}

async function loadRegistrations(registrations: string[]): Promise<Map<string, RegistrationInfo>> {
  const { courseRegistrations, courses, users } = schema()
  const rows = await db()
    .select({
      registration: courseRegistrations.registration,
      courseRowId: courseRegistrations.courseRowId,
      satisfiedAt: courseRegistrations.satisfiedAt,
      courseId: courses.courseId,
      courseTitle: courses.title,
      user: { id: users.id, name: users.name },
    })
    .from(courseRegistrations)
    .innerJoin(courses, eq(courses.id, courseRegistrations.courseRowId))
    .innerJoin(users, eq(users.id, courseRegistrations.userId))
    .where(inArray(courseRegistrations.registration, registrations))
  return new Map(rows.map((row) => [row.registration, row]))
}

async function loadAus(courseRowIds: string[]): Promise<Map<string, AuRow[]>> {
  const { courseAus } = schema()
  const rows = await db()
    .select()
    .from(courseAus)
    .where(inArray(courseAus.courseRowId, courseRowIds))
    .orderBy(asc(courseAus.position))
  const byCourse = new Map<string, AuRow[]>()
  for (const row of rows) byCourse.set(row.courseRowId, [...(byCourse.get(row.courseRowId) ?? []), row])
  return byCourse
}

const BATCH_SIZE = 1000

/**
 * Empties course_au_progress and each registration's satisfiedAt, then replays the statements of every course
 * registration in storage order. Writes no statement: the satisfied ones it would write are already stored.
 */
export async function rebuildCourseProgress(): Promise<{ replayed: number }> {
  const { courseAuProgress, courseRegistrations, xapiStatements } = schema()
  return transaction(async (tx) => {
    await lockStatementWrites(tx)
    await tx.delete(courseAuProgress)
    await tx.update(courseRegistrations).set({ satisfiedAt: null })
    const registrations = tx.select({ registration: courseRegistrations.registration }).from(courseRegistrations)
    let after = 0
    let replayed = 0
    for (;;) {
      const rows = await tx
        .select({ seq: xapiStatements.seq, statement: xapiStatements.statement })
        .from(xapiStatements)
        .where(
          and(
            inArray(xapiStatements.registration, registrations),
            eq(xapiStatements.isVoided, false),
            gt(xapiStatements.seq, after),
          ),
        )
        .orderBy(asc(xapiStatements.seq))
        .limit(BATCH_SIZE)
      await applyCourseStatements(
        rows.map(({ seq, statement }) => ({ seq, statement: statement as Statement })),
        { emit: false },
      )
      replayed += rows.length
      const last = rows.at(-1)
      if (!last || rows.length < BATCH_SIZE) return { replayed }
      after = last.seq
    }
  })
}
