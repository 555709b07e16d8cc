import { eq } from 'drizzle-orm'
import { frameworkForContent } from '#app/lib/content/catalogue.server.ts'
import type { Framework } from '#app/lib/content/framework.schema.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { publicUrl, xapiActivityBase } from '#app/lib/env.server.ts'
import { appAuthority, learnerAgent } from '#app/lib/xapi/model/agents.ts'
import { storeStatements } from '#app/lib/xapi/store/statement-store.server.ts'
import { selfRatingStatement } from '#app/lib/learning/projections/self-rating.ts'
import { domainReadiness, levelInWords } from './readiness.ts'

// The self-assessment: per competency, "where I am now" (0 = not yet, 1–4) and "where I need to be"
// (1–4), one domain per screen, each screen saved as self-assessed statements. Never evidence.

export async function savedRatings({ userId }: { userId: string }) {
  const { selfRatings } = schema()
  const rows = await db().select().from(selfRatings).where(eq(selfRatings.userId, userId))
  return new Map(rows.map((row) => [row.competencyId, { current: row.current, target: row.target }]))
}

export async function saveDomainRatings({
  user,
  ratings,
}: {
  user: { id: string; name: string }
  ratings: { competencyId: string; current: number; target: number | null }[]
}) {
  const actor = learnerAgent({ publicUrl, user })
  await storeStatements({
    statements: ratings.map((rating) =>
      selfRatingStatement({ publicUrl, activityBase: xapiActivityBase, actor, ...rating }),
    ),
    authority: appAuthority({ publicUrl }) as unknown as Record<string, unknown>,
    version: '2.0.0',
    userId: user.id,
  })
}

/** A domain's self-rated level is the lowest rating in it, and only once every competency there is rated. */
export function selfRatedDomainLevels(
  framework: Framework,
  ratings: Awaited<ReturnType<typeof savedRatings>>,
): Map<string, number> {
  const levels = new Map<string, number>()
  for (const domain of framework.domains) {
    const own = domain.competencies.map((c) => ratings.get(c.id)?.current)
    if (own.every((value) => value !== undefined)) levels.set(domain.id, Math.min(...(own as number[])))
  }
  return levels
}

/** Per domain: what the learner says (the lowest of their ratings there), what evidence shows, and the target. */
export async function selfAssessmentResults({ userId, roleProfile }: { userId: string; roleProfile: string }) {
  const framework = frameworkForContent()
  const { competencyEvidence } = schema()
  const [ratings, evidence] = await Promise.all([
    savedRatings({ userId }),
    db().select().from(competencyEvidence).where(eq(competencyEvidence.userId, userId)),
  ])
  const readiness = domainReadiness({ framework, roleProfile, evidence, now: new Date() })
  const selfRated = selfRatedDomainLevels(framework, ratings)
  return framework.domains.map((domain) => {
    const evidenced = readiness.find((r) => r.domainId === domain.id)
    const selfRating = selfRated.get(domain.id) ?? null
    const evidenceLevel = evidenced?.level ?? 0
    const target = evidenced?.target ?? 1
    return {
      domainId: domain.id,
      name: domain.name,
      selfRating,
      evidenceLevel,
      target,
      // Levels by name, as people read them ("Independent"), never by number.
      selfRatingName:
        selfRating === null ? 'Not rated' : selfRating === 0 ? 'Not yet' : levelInWords(framework, selfRating),
      evidenceName: levelInWords(framework, evidenceLevel),
      targetName: levelInWords(framework, target),
    }
  })
}
