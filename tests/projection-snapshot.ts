import { db, schema } from '#app/lib/db.server.ts'

type Json = Record<string, unknown>

/** Every projection row, without evidence ids (random), sorted: what a rebuild must reproduce exactly. */
export async function projectionSnapshot() {
  const { moduleAttempts, competencyEvidence, selfRatings, readinessPeriods, teamReadiness, teamHeadcounts } = schema()
  const plain = (rows: Json[]) =>
    rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.getTime() : value]),
        ),
      )
      .sort()
  return {
    attempts: plain(await db().select().from(moduleAttempts)),
    evidence: plain((await db().select().from(competencyEvidence)).map(({ id: _id, ...row }) => row)),
    ratings: plain(await db().select().from(selfRatings)),
    readiness: plain(await db().select().from(readinessPeriods)),
    teamReadiness: plain(await db().select().from(teamReadiness)),
    teamHeadcounts: plain(await db().select().from(teamHeadcounts)),
  }
}
