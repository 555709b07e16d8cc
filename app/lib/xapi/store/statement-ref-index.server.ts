import { and, eq, inArray, notLike } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { chunks } from '#app/lib/chunks.ts'
import { type Database, schema } from '#app/lib/db.server.ts'
import type { InsertedStatements } from './statement-rows.server.ts'

/** The prefix of the index entries a referring statement gets from the statement it refers to. */
export const REF_RELATION_PREFIX = 'ref:'

/**
 * The spec's StatementRef rule: a statement that refers to a statement matching a query matches too. So that
 * the rule is an index lookup rather than a scan, a referring statement is indexed under its target's verb and
 * registration (`ref_verb_id`, `ref_registration`) and its target's agents and activities (the same relations,
 * prefixed `ref:`). Whichever of the two is stored second adds the entries, in the same transaction.
 * One level only: the target's own `ref:` entries are not copied on.
 */
export async function indexStatementRefs(
  tx: Database,
  inserted: {
    seq: number
    id: string
    objectStatementId: string | null | undefined
    verbId: string
    registration: string | null | undefined
  }[],
  earlierReferrers: InsertedStatements['earlierReferrers'],
): Promise<void> {
  if (inserted.length === 0) return
  const { xapiStatements, xapiStatementAgents, xapiStatementActivities } = schema()
  const referring = alias(xapiStatements, 'referring')
  const target = alias(xapiStatements, 'target')
  const pairColumns = {
    referringSeq: referring.seq,
    targetSeq: target.seq,
    verbId: target.verbId,
    registration: target.registration,
  }
  const newReferring = inserted.filter((row) => row.objectStatementId).map((row) => row.seq)
  const pairs = new Map<
    number,
    { referringSeq: number; targetSeq: number; verbId: string; registration: string | null }
  >()
  // Referring statements stored now, whose target is already stored (or stored in this batch)…
  for (const seqs of chunks(newReferring, 500)) {
    const found = await tx
      .select(pairColumns)
      .from(referring)
      .innerJoin(target, eq(target.id, referring.objectStatementId))
      .where(inArray(referring.seq, seqs))
    for (const pair of found) pairs.set(pair.referringSeq, pair)
  }
  // …and statements stored now that earlier statements referred to before they existed.
  const insertedById = new Map(inserted.map((row) => [row.id, row]))
  for (const { referringSeq, targetId } of earlierReferrers) {
    const targetRow = insertedById.get(targetId)
    if (targetRow && !pairs.has(referringSeq))
      pairs.set(referringSeq, {
        referringSeq,
        targetSeq: targetRow.seq,
        verbId: targetRow.verbId,
        registration: targetRow.registration ?? null,
      })
  }
  if (pairs.size === 0) return

  for (const pair of pairs.values()) {
    await tx
      .update(xapiStatements)
      .set({ refVerbId: pair.verbId, refRegistration: pair.registration })
      .where(eq(xapiStatements.seq, pair.referringSeq))
  }
  const referringByTarget = new Map<number, number[]>()
  for (const pair of pairs.values())
    referringByTarget.set(pair.targetSeq, [...(referringByTarget.get(pair.targetSeq) ?? []), pair.referringSeq])
  const targetSeqs = [...referringByTarget.keys()]
  const targetAgents = await tx
    .select()
    .from(xapiStatementAgents)
    .where(
      and(
        inArray(xapiStatementAgents.statementSeq, targetSeqs),
        notLike(xapiStatementAgents.relation, `${REF_RELATION_PREFIX}%`),
      ),
    )
  const targetActivities = await tx
    .select()
    .from(xapiStatementActivities)
    .where(
      and(
        inArray(xapiStatementActivities.statementSeq, targetSeqs),
        notLike(xapiStatementActivities.relation, `${REF_RELATION_PREFIX}%`),
      ),
    )
  const agentRows = targetAgents.flatMap((row) =>
    (referringByTarget.get(row.statementSeq) ?? []).map((statementSeq) => ({
      statementSeq,
      agentKey: row.agentKey,
      relation: `${REF_RELATION_PREFIX}${row.relation}`,
    })),
  )
  const activityRows = targetActivities.flatMap((row) =>
    (referringByTarget.get(row.statementSeq) ?? []).map((statementSeq) => ({
      statementSeq,
      activityId: row.activityId,
      relation: `${REF_RELATION_PREFIX}${row.relation}`,
    })),
  )
  for (const chunk of chunks(agentRows, 500)) await tx.insert(xapiStatementAgents).values(chunk).onConflictDoNothing()
  for (const chunk of chunks(activityRows, 500))
    await tx.insert(xapiStatementActivities).values(chunk).onConflictDoNothing()
}
