import { randomUUID } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { publicUrl } from '#app/lib/env.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import { type AccountAgent, appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { agentKey } from '#app/lib/xapi/model/statement-schema.ts'
import { putDocument, readDocument } from '#app/lib/xapi/store/documents.server.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { contentAuthority, fetchUrlFor, hashSecret, newAuthKey, newSecret, sessionOf } from './au-sessions.server.ts'
import { cmi5Extensions, LAUNCH_DATA_STATE_ID, LEARNER_PREFERENCES_PROFILE_ID } from './cmi5-vocabulary.ts'
import { abandonedStatement, launchedStatement, type AuRef } from './course-statements.ts'

// Launching an AU as cmi5's LMS does (section 8): the learner's one registration for the course, a new session
// (ending any session of the registration still open as abandoned), the LMS.LaunchData State document, the
// launched statement, then the AU's address with the five launch parameters.

type Json = Record<string, unknown>
type LaunchMethod = 'AnyWindow' | 'OwnWindow'

/** The AU row and its course, if the AU belongs to the course and was not dropped by a later import. */
export async function launchableAu({ courseRowId, auRowId }: { courseRowId: string; auRowId: string }) {
  const { courses, courseAus } = schema()
  const [row] = await db()
    .select({ course: courses, au: courseAus })
    .from(courseAus)
    .innerJoin(courses, eq(courses.id, courseAus.courseRowId))
    .where(and(eq(courseAus.id, auRowId), eq(courseAus.courseRowId, courseRowId), isNull(courseAus.removedAt)))
  return row ?? null
}

/** The learner's one registration for the course, made the first time it is needed (a launch or a waiver). */
export async function registrationFor({ courseRowId, userId }: { courseRowId: string; userId: string }) {
  const { courseRegistrations } = schema()
  await db()
    .insert(courseRegistrations)
    .values({ registration: randomUUID(), courseRowId, userId })
    .onConflictDoNothing()
  const [row] = await db()
    .select({ registration: courseRegistrations.registration })
    .from(courseRegistrations)
    .where(and(eq(courseRegistrations.courseRowId, courseRowId), eq(courseRegistrations.userId, userId)))
  if (!row) throw new Error(`no registration for course ${courseRowId}`)
  return row.registration
}

/** Where the AU's page is: an absolute URL as given, or a package file served from our own origin. */
export function auAddress({ url, packageHash }: { url: string; packageHash: string }): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `${publicUrl}/course-files/${packageHash}/${url}`
}

export async function launchAu({
  userId,
  courseRowId,
  auRowId,
  returnUrl,
}: {
  userId: string
  courseRowId: string
  auRowId: string
  returnUrl: string
}): Promise<{ url: string; launchMethod: LaunchMethod }> {
  const { users, courseSessions, courseAuProgress } = schema()
  return transaction(async (tx) => {
    await lockStatementWrites(tx)
    const found = await launchableAu({ courseRowId, auRowId })
    if (!found) throw new Error(`AU ${auRowId} of course ${courseRowId} cannot be launched`)
    const { course, au } = found
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId))
    if (!user) throw new Error(`no user ${userId}`)
    const actor = learnerAgent({ publicUrl, user })
    const now = new Date()

    const registration = await registrationFor({ courseRowId, userId })

    await abandonOpenSessions({ registration, actor, now })

    const [progress] = await tx
      .select({ satisfiedAt: courseAuProgress.satisfiedAt })
      .from(courseAuProgress)
      .where(and(eq(courseAuProgress.registration, registration), eq(courseAuProgress.auRowId, au.id)))
    // Once the AU has met its moveOn criteria, launching it again is for looking back, not for a new result.
    const launchMode = progress?.satisfiedAt ? 'Review' : 'Normal'
    const sessionId = randomUUID()
    const fetchToken = newSecret()
    await tx.insert(courseSessions).values({
      id: sessionId,
      registration,
      auRowId: au.id,
      launchMode,
      fetchTokenHash: hashSecret(fetchToken),
      authKey: newAuthKey(),
      // Nothing matches this until the fetch URL issues the real secret.
      authSecretHash: hashSecret(newSecret()),
      launchedAt: now,
    })

    const auRef: AuRef = { activityId: au.activityId, auId: au.auId, title: au.title }
    const address = auAddress({ url: au.url, packageHash: course.packageHash })
    const launchData: Json = {
      contextTemplate: {
        contextActivities: { grouping: [{ id: au.auId }] },
        extensions: { [cmi5Extensions.sessionId]: sessionId },
      },
      launchMode,
      launchMethod: au.launchMethod,
      moveOn: au.moveOn,
      returnURL: returnUrl,
    }
    if (au.masteryScore !== null) launchData.masteryScore = au.masteryScore
    if (au.launchParameters !== null) launchData.launchParameters = au.launchParameters
    if (au.entitlementKey !== null) launchData.entitlementKey = { courseStructure: au.entitlementKey }
    await putDocument({
      key: {
        kind: 'state',
        activityId: au.activityId,
        agentKey: agentKey(actor),
        registration,
        documentId: LAUNCH_DATA_STATE_ID,
      },
      content: new TextEncoder().encode(JSON.stringify(launchData)),
      contentType: 'application/json',
      requirePrecondition: false,
    })

    await offerLearnerPreferences(actor)

    await storeStatements({
      statements: [
        launchedStatement({
          actor,
          registration,
          au: auRef,
          sessionId,
          launchMode,
          launchUrl: address,
          moveOn: au.moveOn,
          masteryScore: au.masteryScore,
          launchParameters: au.launchParameters,
          at: now,
        }),
      ],
      authority: appAuthority({ publicUrl }) as unknown as Json,
      version: '2.0.0',
      userId,
    })

    const url = new URL(address)
    url.searchParams.append('endpoint', `${publicUrl}/xapi/`)
    url.searchParams.append('fetch', fetchUrlFor(fetchToken))
    url.searchParams.append('actor', JSON.stringify(actor))
    url.searchParams.append('registration', registration)
    url.searchParams.append('activityId', au.activityId)
    return { url: url.toString(), launchMethod: au.launchMethod }
  })
}

/**
 * cmi5 section 11: AUs read the learner's preferences from their Agent Profile when they start. The platform
 * speaks British English and has no audio setting of its own, so it offers that once; what is there stays.
 */
async function offerLearnerPreferences(actor: AccountAgent) {
  const key = {
    kind: 'agent-profile' as const,
    activityId: '',
    agentKey: agentKey(actor),
    registration: '',
    documentId: LEARNER_PREFERENCES_PROFILE_ID,
  }
  if (await readDocument({ key })) return
  await putDocument({
    key,
    content: new TextEncoder().encode(JSON.stringify({ languagePreference: 'en-GB', audioPreference: 'on' })),
    contentType: 'application/json',
    requirePrecondition: false,
  })
}

/**
 * cmi5 9.3.6: launching with a registration that has a session still open abandons that session first, with
 * the time from its launch to the AU's last statement in it as its duration.
 */
async function abandonOpenSessions({
  registration,
  actor,
  now,
}: {
  registration: string
  actor: AccountAgent
  now: Date
}) {
  const { courseSessions, courseAus, xapiStatements } = schema()
  const open = await db()
    .select({
      session: courseSessions,
      au: { activityId: courseAus.activityId, auId: courseAus.auId, title: courseAus.title },
    })
    .from(courseSessions)
    .innerJoin(courseAus, eq(courseAus.id, courseSessions.auRowId))
    .where(
      and(
        eq(courseSessions.registration, registration),
        isNull(courseSessions.terminatedAt),
        isNull(courseSessions.abandonedAt),
      ),
    )
    .orderBy(asc(courseSessions.launchedAt))
  if (open.length === 0) return
  const fromContent = await db()
    .select({ statement: xapiStatements.statement, timestamp: xapiStatements.timestamp })
    .from(xapiStatements)
    .where(
      and(eq(xapiStatements.registration, registration), eq(xapiStatements.authorityKey, agentKey(contentAuthority()))),
    )
  const statements = open.map(({ session, au }) => {
    const last = fromContent
      .filter(({ statement }) => sessionOf(statement as Json) === session.id)
      .reduce((latest, { timestamp }) => Math.max(latest, timestamp.getTime()), session.launchedAt.getTime())
    return abandonedStatement({
      actor,
      registration,
      au,
      sessionId: session.id,
      durationMs: last - session.launchedAt.getTime(),
      at: now,
    })
  })
  for (const { session } of open)
    await db().update(courseSessions).set({ abandonedAt: now }).where(eq(courseSessions.id, session.id))
  await storeStatements({
    statements,
    authority: appAuthority({ publicUrl }) as unknown as Json,
    version: '2.0.0',
  })
}
