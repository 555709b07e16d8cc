import { eq } from 'drizzle-orm'
import { findUserById } from '#app/lib/auth/users.server.ts'
import { frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import { courseTitles } from '#app/lib/courses/course-catalogue.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { roleProfileLabel } from '#app/lib/org/role-profiles.ts'
import { membershipOf } from '#app/lib/org/memberships.server.ts'
import { myLearning } from './my-learning.server.ts'
import { competencyLevel, isCurrent, levelInWords } from './readiness.ts'
import { savedRatings } from './self-assessment.server.ts'

/**
 * A person's record of learning, to read on screen or print: who they are, readiness per domain against
 * their role's targets, every piece of competency evidence they hold (expired evidence included and
 * marked), the modules they completed, and their self-ratings kept apart from the evidence.
 *
 * It takes any user id and checks no rights: the route decides whose record the viewer may see (a learner
 * their own; later a manager the people in the units they manage). Null when there is no such user.
 */
export async function learningRecord({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const user = await findUserById({ id: userId })
  if (!user) return null
  const { competencyEvidence } = schema()
  const framework = frameworkForContent()
  const [membership, learning, evidence, ratings] = await Promise.all([
    membershipOf({ userId }),
    myLearning({ user, now }),
    db().select().from(competencyEvidence).where(eq(competencyEvidence.userId, userId)),
    savedRatings({ userId }),
  ])

  const inWords = (level: number) => levelInWords(framework, level)
  const competencies = framework.domains.flatMap((domain) =>
    domain.competencies.map((c) => ({ id: c.id, name: c.name, domainId: domain.id, domainName: domain.name })),
  )
  const order = new Map(competencies.map((c, index) => [c.id, index]))
  const competencyName = new Map(competencies.map((c) => [c.id, c.name]))
  // Titles of every module, drafts and retired ones included: the record names what was passed, whatever its status now.
  // Imported courses too: their evidence is under the course's slug.
  const moduleTitles = new Map([
    ...loadModules({ includeDrafts: true }).map((m) => [m.slug, m.frontmatter.title] as const),
    ...(await courseTitles()),
  ])

  const evidenceHeld = evidence
    .map((e) => ({
      competencyId: e.competencyId,
      competencyName: competencyName.get(e.competencyId) ?? e.competencyId,
      level: e.level,
      levelName: inWords(e.level),
      moduleSlug: e.moduleSlug,
      moduleTitle: moduleTitles.get(e.moduleSlug) ?? e.moduleSlug,
      achievedAt: e.achievedAt,
      expiresAt: e.expiresAt,
      expired: !isCurrent(e, now),
    }))
    .sort(
      (a, b) =>
        (order.get(a.competencyId) ?? Infinity) - (order.get(b.competencyId) ?? Infinity) ||
        a.competencyId.localeCompare(b.competencyId) ||
        b.achievedAt.getTime() - a.achievedAt.getTime(),
    )

  // The learner's own view, per competency, beside what the evidence shows. Never merged into the evidence.
  const selfRatings = competencies.flatMap((c) => {
    const rating = ratings.get(c.id)
    if (!rating) return []
    const evidenced = competencyLevel({ evidence, competencyId: c.id, now })
    return [
      {
        competencyId: c.id,
        competencyName: c.name,
        current: rating.current,
        currentName: rating.current === 0 ? 'Not yet' : inWords(rating.current),
        target: rating.target,
        targetName: rating.target === null ? null : inWords(rating.target),
        evidencedLevel: evidenced,
        evidencedName: inWords(evidenced),
      },
    ]
  })

  return {
    person: {
      id: user.id,
      name: user.name,
      teamName: membership?.teamName ?? null,
      roleProfile: membership ? roleProfileLabel(membership.roleProfile) : null,
      /** The role profile whose targets the readiness is measured against (a default when no membership). */
      targetsFrom: roleProfileLabel(learning.roleProfile),
    },
    producedAt: now,
    readiness: learning.readiness.map(({ domainId, name, level, levelName, target, targetName, ready, gap }) => ({
      domainId,
      name,
      level,
      levelName,
      target,
      targetName,
      ready,
      gap,
    })),
    evidence: evidenceHeld,
    completed: learning.completed,
    selfRatings,
  }
}

export type LearningRecord = NonNullable<Awaited<ReturnType<typeof learningRecord>>>
