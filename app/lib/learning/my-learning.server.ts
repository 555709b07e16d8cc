import { desc, eq } from 'drizzle-orm'
import { canSeeDrafts, describeModule, frameworkForContent, loadModules } from '../content/catalogue.server.ts'
import { db, schema } from '../db.server.ts'
import { membershipOf } from '../org/units.server.ts'
import { competencyLevel, domainReadiness, isCurrent } from './readiness.ts'

const DAY_MS = 86_400_000
export const EXPIRY_WARNING_DAYS = 30

/** Everything a learner's home shows, read from the projections (never from raw statements). */
export async function myLearning({ user, now = new Date() }: { user: { id: string; isAdmin: boolean }; now?: Date }) {
  const { competencyEvidence, moduleAttempts } = schema()
  const framework = frameworkForContent()
  const [membership, evidence, attempts] = await Promise.all([
    membershipOf({ userId: user.id }),
    db().select().from(competencyEvidence).where(eq(competencyEvidence.userId, user.id)),
    db().select().from(moduleAttempts).where(eq(moduleAttempts.userId, user.id)).orderBy(desc(moduleAttempts.updatedAt)),
  ])
  const modules = loadModules({ includeDrafts: canSeeDrafts(user) }).map((m) => describeModule(m, framework))
  const moduleBySlug = new Map(modules.map((m) => [m.slug, m]))
  const roleProfile = membership?.roleProfile ?? 'clinical'
  const readiness = domainReadiness({ framework, roleProfile, evidence, now })
  const domainNames = new Map(framework.domains.map((d) => [d.id, d.name]))

  const passedSlugs = new Set(attempts.filter((a) => a.status === 'passed').map((a) => a.moduleSlug))
  const inProgress = attempts
    .filter((a) => a.status === 'in-progress' && !passedSlugs.has(a.moduleSlug) && moduleBySlug.has(a.moduleSlug))
    .filter((a, index, all) => all.findIndex((b) => b.moduleSlug === a.moduleSlug) === index)
    .map((a) => ({ slug: a.moduleSlug, title: moduleBySlug.get(a.moduleSlug)?.title ?? a.moduleSlug, updatedAt: a.updatedAt }))
  const completed = attempts
    .filter((a) => a.status === 'passed' && a.completedAt)
    .map((a) => ({
      slug: a.moduleSlug,
      title: moduleBySlug.get(a.moduleSlug)?.title ?? a.moduleSlug,
      completedAt: a.completedAt as Date,
      percent: a.bestScaled === null ? null : Math.round(a.bestScaled * 100),
      version: a.contentVersion,
    }))
  const expiring = evidence
    .filter((e) => e.expiresAt && isCurrent(e, now) && e.expiresAt.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS)
    .map((e) => ({ competencyId: e.competencyId, moduleSlug: e.moduleSlug, title: moduleBySlug.get(e.moduleSlug)?.title ?? e.moduleSlug, expiresAt: e.expiresAt as Date }))

  // What next: modules that would raise a competency in a domain short of target (largest gap first),
  // then those renewing evidence about to expire, then the rest of the role's modules not yet passed.
  const gapByDomain = new Map(readiness.map((d) => [d.domainId, d.gap]))
  const forRole = modules.filter((m) => m.status === 'published' && m.audience.includes(roleProfile as never))
  const scored = forRole
    .filter((m) => !passedSlugs.has(m.slug))
    .map((m) => {
      const closes = m.competencies.filter((c) => (gapByDomain.get(c.domainId as never) ?? 0) > 0 && c.level > competencyLevel({ evidence, competencyId: c.id, now }))
      const gap = Math.max(0, ...closes.map((c) => gapByDomain.get(c.domainId as never) ?? 0))
      return { module: m, gap, reason: closes[0] ? `Raises ${closes[0].id} in ${domainNames.get(closes[0].domainId as never) ?? closes[0].domainId}` : null }
    })
  const renewals = forRole.filter((m) => expiring.some((e) => e.moduleSlug === m.slug))
  const next = [
    ...scored.filter((s) => s.gap > 0).sort((a, b) => b.gap - a.gap || a.module.minutes - b.module.minutes),
    ...renewals.map((m) => ({ module: m, gap: 0, reason: 'Renews evidence that expires soon' })),
    ...scored.filter((s) => s.gap === 0).map((s) => ({ ...s, reason: 'For your role' })),
  ]
    .filter((item, index, all) => all.findIndex((other) => other.module.slug === item.module.slug) === index)
    .slice(0, 5)
    .map((item) => ({ slug: item.module.slug, title: item.module.title, minutes: item.module.minutes, reason: item.reason }))

  return {
    roleProfile,
    readiness: readiness.map((d) => ({ ...d, name: domainNames.get(d.domainId) ?? d.domainId })),
    next,
    inProgress,
    completed,
    expiring,
  }
}

export type MyLearning = Awaited<ReturnType<typeof myLearning>>
