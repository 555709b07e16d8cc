import { randomUUID } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { recordAudit } from '#app/lib/audit/audit-log.server.ts'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { WAIVE_REASONS, type WaiveReason } from './cmi5-vocabulary.ts'
import { waivedStatement } from './course-statements.ts'
import { registrationFor } from './launch.server.ts'
import { metBeforeWaived } from './unit-state.ts'

// An administrator waives a course unit for a learner (cmi5 9.3.7): the platform records "waived" with the reason
// in a session of its own, the unit counts as met, and the block or course may become satisfied as a result.

/** A language map's British English text, or its first. */
export const textOf = (map: Record<string, string>) => map['en-GB'] ?? map.en ?? Object.values(map)[0] ?? ''

/** The course, its current units, and which of them are already waived or met for the learner. */
export async function waiveChoices({ courseRowId, userId }: { courseRowId: string; userId?: string }) {
  const { courses, courseAus, courseRegistrations, courseAuProgress, users } = schema()
  const [course] = await db().select().from(courses).where(eq(courses.id, courseRowId))
  if (!course) return null
  const aus = await db()
    .select({ id: courseAus.id, title: courseAus.title })
    .from(courseAus)
    .where(and(eq(courseAus.courseRowId, courseRowId), isNull(courseAus.removedAt)))
    .orderBy(asc(courseAus.position))
  const [person] = userId
    ? await db().select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId))
    : []
  const progress = person
    ? await db()
        .select({
          auRowId: courseAuProgress.auRowId,
          waivedAt: courseAuProgress.waivedAt,
          satisfiedAt: courseAuProgress.satisfiedAt,
        })
        .from(courseAuProgress)
        .innerJoin(courseRegistrations, eq(courseRegistrations.registration, courseAuProgress.registration))
        .where(and(eq(courseRegistrations.courseRowId, courseRowId), eq(courseRegistrations.userId, person.id)))
    : []
  const byAu = new Map(progress.map((row) => [row.auRowId, row]))
  return {
    course: { id: course.id, title: textOf(course.title) },
    person: person ?? null,
    units: aus.map((au) => ({
      id: au.id,
      title: textOf(au.title),
      waived: Boolean(byAu.get(au.id)?.waivedAt),
      // Met by the learner themselves: a waiver's own satisfaction does not count here.
      met: metBeforeWaived(byAu.get(au.id) ?? { satisfiedAt: null, waivedAt: null }),
    })),
  }
}

export type WaiveOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'already-waived' | 'already-met' }

export async function waiveAu({
  admin,
  courseRowId,
  auRowId,
  userId,
  reason,
}: {
  admin: { id: string; name: string }
  courseRowId: string
  auRowId: string
  userId: string
  reason: WaiveReason
}): Promise<WaiveOutcome> {
  const { courses, courseAus, courseAuProgress, users } = schema()
  return transaction(async (tx) => {
    await lockStatementWrites(tx)
    const [found] = await tx
      .select({ course: courses, au: courseAus })
      .from(courseAus)
      .innerJoin(courses, eq(courses.id, courseAus.courseRowId))
      .where(and(eq(courseAus.id, auRowId), eq(courseAus.courseRowId, courseRowId), isNull(courseAus.removedAt)))
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId))
    if (!found || !user) return { ok: false, reason: 'not-found' }
    const registration = await registrationFor({ courseRowId, userId })
    const [progress] = await tx
      .select({ waivedAt: courseAuProgress.waivedAt, satisfiedAt: courseAuProgress.satisfiedAt })
      .from(courseAuProgress)
      .where(and(eq(courseAuProgress.registration, registration), eq(courseAuProgress.auRowId, auRowId)))
    // cmi5 allows one waiver per unit in a registration.
    if (progress?.waivedAt) return { ok: false, reason: 'already-waived' }
    // A unit the learner has met needs no waiver, and one would hide that they did it.
    if (progress?.satisfiedAt) return { ok: false, reason: 'already-met' }
    const { course, au } = found
    await storeStatements({
      statements: [
        waivedStatement({
          actor: learnerAgent({ publicUrl, user }),
          registration,
          au: { activityId: au.activityId, auId: au.auId, title: au.title },
          sessionId: randomUUID(),
          reason,
          at: new Date(),
        }),
      ],
      authority: appAuthority({ publicUrl }) as unknown as Record<string, unknown>,
      version: '2.0.0',
      userId,
    })
    await recordAudit({
      actor: admin,
      entries: [
        {
          action: 'person.course-unit-waived',
          subjectType: 'person',
          subjectId: user.id,
          subjectName: user.name,
          after: { course: textOf(course.title), unit: textOf(au.title), reason: WAIVE_REASONS[reason] },
        },
      ],
    })
    return { ok: true }
  })
}
