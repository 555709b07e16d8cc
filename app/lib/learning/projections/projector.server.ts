import { and, asc, count, eq, gt, inArray } from 'drizzle-orm'
import { db, schema, transaction } from '#app/lib/db.server.ts'
import { lockStatementWrites } from '#app/lib/statement-write-lock.server.ts'
import type { Statement } from '#app/lib/xapi/model/statement-schema.ts'
import type { StoredBatch, StoredStatement } from '#app/lib/xapi/store/statement-effects.server.ts'
import { defaultSettings, ProjectionWriter, type ProjectorSettings } from './projection-writer.server.ts'
import { rebuildTeamRollups, refreshTeamRollups, teamsOf } from './team-rollups.server.ts'

// Projections (module attempts, competency evidence, self-ratings, and from those readiness periods) are
// derived from xAPI statements only, by the rules in ./projection-rules.ts, written by
// ./projection-writer.server.ts; the team rollups the writer's flush refreshes (./team-rollups.server.ts)
// also take in memberships and role targets. This file keeps them in step with the statement store:
// statements are applied as they are stored (projectStoredStatements, installed as an effect of storing
// statements by #app/lib/install-effects.server.ts), a void recomputes the learners it touches by replaying
// their statements, and `rebuildProjections()` replays every non-voided statement in `seq` order, which must
// give the same rows as applying them one at a time.

// Rows of xapi_statements hold statements validated against the statement schema (or built by the app to
// its shape) before they were stored, so their JSON is read as the schema's type.
const asStatement = (json: unknown) => json as Statement

const BATCH_SIZE = 1000

/**
 * Replays non-voided statements in `seq` order, in batches, through one projection writer. With `userIds`, only
 * those learners' statements (found through the actor index).
 */
async function replay(
  projector: ProjectionWriter,
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
    const stored: StoredStatement[] = rows.map(({ seq, statement }) => ({ seq, statement: asStatement(statement) }))
    await projector.preload(stored)
    for (const row of stored) await projector.apply(row)
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

/**
 * Learners whose projections a void changes: the voided statements' actors, and everyone who shares an
 * attempt registration with them (the first learner on a registration owns it, so a void can hand it on).
 */
async function affectedLearners(projector: ProjectionWriter, voidedIds: string[]): Promise<string[]> {
  const { xapiStatements, moduleAttempts } = schema()
  const targets = await db()
    .select({ statement: xapiStatements.statement, registration: xapiStatements.registration })
    .from(xapiStatements)
    .where(inArray(xapiStatements.id, voidedIds))
  const users = new Set(targets.flatMap(({ statement }) => projector.learnerOf(asStatement(statement)) ?? []))
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
      const userId = projector.learnerOf(asStatement(statement))
      if (userId) users.add(userId)
    }
    grew = users.size > before
  }
  return [...users]
}

/**
 * Run by storeStatements inside its transaction with the statements it just inserted (in order) and the ids
 * they void. Voids recompute the learners they touch by replaying their statements; everything else is
 * applied as it comes.
 */
export async function projectStoredStatements(
  { inserted, voidedIds }: StoredBatch,
  settings = defaultSettings(),
): Promise<void> {
  if (inserted.length === 0) return
  const projector = new ProjectionWriter(settings)
  const recompute = voidedIds.length > 0 ? await affectedLearners(projector, voidedIds) : []
  if (recompute.length > 0) {
    await deleteProjections(recompute)
    const replaying = new ProjectionWriter(settings)
    await replay(replaying, { userIds: recompute })
    // Replay refreshes the teams of those who still have evidence or ratings; this also covers those left with none.
    await refreshTeamRollups({ teamIds: await teamsOf(recompute), framework: replaying.framework() })
  }
  const recomputed = new Set(recompute)
  const toApply = inserted.filter((stored) => {
    const userId = projector.learnerOf(stored.statement)
    return userId !== null && !recomputed.has(userId)
  })
  // Statements about nobody on the platform (most of what another LMS sends) project nothing.
  if (toApply.length === 0) return
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
    await lockStatementWrites(tx)
    const { xapiStatements } = schema()
    const [counted] = await db()
      .select({ total: count() })
      .from(xapiStatements)
      .where(eq(xapiStatements.isVoided, false))
    const total = Number(counted?.total ?? 0)
    await deleteProjections()
    let replayed = 0
    const projector = new ProjectionWriter(settings, false)
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
