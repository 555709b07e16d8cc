import { desc, eq } from 'drizzle-orm'
import { assignmentsForLearner } from '#app/lib/assignments/assignments.server.ts'
import { canSeeDrafts, describeModule, frameworkForContent, loadModules } from '#app/lib/content/catalogue.server.ts'
import { courseAttempts, courseProgress, loadMappedCourses } from '#app/lib/courses/course-catalogue.server.ts'
import { db, schema } from '#app/lib/db.server.ts'
import { membershipOf } from '#app/lib/org/memberships.server.ts'
import { domainReadiness, expiringSoon, isCurrent, levelInWords } from './readiness.ts'
import { savedRatings, selfRatedDomainLevels } from './self-assessment.server.ts'
import { moduleStatuses } from './module-status.ts'
import { whatNext } from './what-next.ts'

type EvidenceRow = ReturnType<typeof schema>['competencyEvidence']['$inferSelect']

export const EXPIRY_WARNING_DAYS = 30

/** Everything a learner's home shows, read from the projections (never from raw statements). */
export async function myLearning({ user, now = new Date() }: { user: { id: string; isAdmin: boolean }; now?: Date }) {
  const { competencyEvidence, moduleAttempts } = schema()
  const framework = frameworkForContent()
  const courses = await loadMappedCourses({ includeDrafts: canSeeDrafts(user) })
  const [membership, evidence, moduleAttemptRows, courseRows, ratings] = await Promise.all([
    membershipOf({ userId: user.id }),
    db().select().from(competencyEvidence).where(eq(competencyEvidence.userId, user.id)),
    db()
      .select()
      .from(moduleAttempts)
      .where(eq(moduleAttempts.userId, user.id))
      .orderBy(desc(moduleAttempts.updatedAt)),
    courseAttempts({ userId: user.id, courses }),
    savedRatings({ userId: user.id }),
  ])
  // How far through each course in progress the learner is, and when they last opened a part of it.
  const progress = await courseProgress({ registrations: courseRows.filter((row) => row.status === 'in-progress') })
  const courseProgressOf = new Map(courseRows.map((row) => [row.moduleSlug, progress.get(row.registration)]))
  // A course registration reads as an attempt (in progress until the platform satisfies the course).
  const attempts = [...moduleAttemptRows, ...courseRows].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
  const modules = [
    ...loadModules({ includeDrafts: canSeeDrafts(user) }).map((m) => ({
      ...describeModule(m, framework),
      version: m.version as string | null,
    })),
    ...courses.map((course) => ({ ...course, version: null, updated: null })),
  ]
  const moduleBySlug = new Map(modules.map((m) => [m.slug, m]))
  const roleProfile = membership?.roleProfile ?? 'clinical'
  const readiness = domainReadiness({ framework, roleProfile, evidence, now })
  const domainNames = new Map(framework.domains.map((d) => [d.id, d.name]))

  const passCounts = passStillCounts({ evidence, now })
  const passedSlugs = new Set(
    attempts.filter((a) => a.status === 'passed' && passCounts(a.moduleSlug)).map((a) => a.moduleSlug),
  )
  const inProgress = attempts
    .filter((a) => a.status === 'in-progress' && !passedSlugs.has(a.moduleSlug) && moduleBySlug.has(a.moduleSlug))
    // A course with only a part waived for the learner, never opened, is not somewhere they stopped.
    .filter((a) => courseProgressOf.get(a.moduleSlug)?.lastOpenedAt !== null)
    .filter((a, index, all) => all.findIndex((b) => b.moduleSlug === a.moduleSlug) === index)
    .map((a) => {
      /** A course's parts done (met or waived), of how many, and when a part was last opened; null for a module. */
      const courseProgress = courseProgressOf.get(a.moduleSlug) ?? null
      return {
        slug: a.moduleSlug,
        title: moduleBySlug.get(a.moduleSlug)?.title ?? a.moduleSlug,
        updatedAt: courseProgress?.lastOpenedAt ?? a.updatedAt,
        courseProgress,
      }
    })
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
  const completed = attempts
    .filter((a) => a.status === 'passed' && a.completedAt)
    .map((a) => ({
      slug: a.moduleSlug,
      title: moduleBySlug.get(a.moduleSlug)?.title ?? a.moduleSlug,
      /** A course from another publisher has no score or version of ours to show. */
      kind: moduleBySlug.get(a.moduleSlug)?.kind ?? ('module' as const),
      completedAt: a.completedAt as Date,
      percent: a.bestScaled === null ? null : Math.round(a.bestScaled * 100),
      version: a.contentVersion,
      /** The date the content was last updated ("2026-11-20"), when this pass was of the version online now; null for an earlier version. */
      versionUpdated:
        a.contentVersion && moduleBySlug.get(a.moduleSlug)?.version === a.contentVersion
          ? (moduleBySlug.get(a.moduleSlug)?.updated ?? null)
          : null,
    }))
  // One warning per module, at the soonest lapse of what it shows that nothing newer covers.
  const expiringBySlug = new Map<string, { moduleSlug: string; title: string; expiresAt: Date }>()
  for (const e of expiringSoon({ evidence, now, days: EXPIRY_WARNING_DAYS })) {
    const expiresAt = e.expiresAt as Date
    const held = expiringBySlug.get(e.moduleSlug)
    if (held && held.expiresAt <= expiresAt) continue
    expiringBySlug.set(e.moduleSlug, {
      moduleSlug: e.moduleSlug,
      title: moduleBySlug.get(e.moduleSlug)?.title ?? e.moduleSlug,
      expiresAt,
    })
  }
  const expiring = [...expiringBySlug.values()].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())

  const next = whatNext({
    framework,
    roleProfile,
    evidence,
    modules: modules.filter((m) => m.status === 'published' && (m.audience as readonly string[]).includes(roleProfile)),
    passedSlugs,
    renewalSlugs: new Set(expiring.map((e) => e.moduleSlug)),
    selfRatedLevels: selfRatedDomainLevels(framework, ratings),
    now,
  })

  return {
    roleProfile,
    readiness: readiness.map((d) => ({
      ...d,
      name: domainNames.get(d.domainId) ?? d.domainId,
      levelName: levelInWords(framework, d.level),
      targetName: levelInWords(framework, d.target),
    })),
    next,
    inProgress,
    completed,
    expiring,
  }
}

/** Passed and still counting: a module whose evidence has all lapsed is worth doing again. */
function passStillCounts({ evidence, now }: { evidence: EvidenceRow[]; now: Date }) {
  const current = new Set(evidence.filter((e) => isCurrent(e, now)).map((e) => e.moduleSlug))
  const evidenced = new Set(evidence.map((e) => e.moduleSlug))
  return (slug: string) => current.has(slug) || !evidenced.has(slug)
}

/** Each module's and course's status for this learner (passed, in progress, assigned, overdue), for the catalogue and module pages. */
export async function learnerModuleStatuses({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const { competencyEvidence, moduleAttempts } = schema()
  const [evidence, moduleAttemptRows, courseRows, assignments] = await Promise.all([
    db().select().from(competencyEvidence).where(eq(competencyEvidence.userId, userId)),
    db()
      .select({
        moduleSlug: moduleAttempts.moduleSlug,
        status: moduleAttempts.status,
        completedAt: moduleAttempts.completedAt,
      })
      .from(moduleAttempts)
      .where(eq(moduleAttempts.userId, userId)),
    courseAttempts({ userId }),
    assignmentsForLearner({ userId, now }),
  ])
  const attempts = [...moduleAttemptRows, ...courseRows]
  return {
    statuses: moduleStatuses({ attempts, passCounts: passStillCounts({ evidence, now }), assignments }),
    /** Modules assigned to the learner, whatever the status of the assignment. */
    assignedSlugs: new Set(assignments.flatMap((a) => (a.moduleSlug ? [a.moduleSlug] : []))),
  }
}

export type MyLearning = Awaited<ReturnType<typeof myLearning>>
