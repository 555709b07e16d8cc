import type { Framework } from '#app/lib/content/framework.schema.ts'
import { competencyLevel, domainReadiness, type Evidence, levelInWords } from './readiness.ts'

// "What to do next" on a learner's home. In order:
//   1. modules that lift a domain that is short of target to a higher level, largest gap first;
//   2. modules that raise a competency in a domain short of target (progress that will show once the
//      domain's other competencies catch up), largest gap first;
//   3. modules that renew evidence about to expire;
//   4. the rest of the role's modules not yet passed.
// Within a group, the larger evidence gap first; on a tie, the domain where the learner's own
// self-rating is furthest below target (what they told us they find hardest); then shorter modules,
// because people learn on shift. Self-ratings only order the list: they never count as evidence.

export interface CandidateModule {
  slug: string
  title: string
  /** null: an imported course whose length nobody gave (sorted after those with one). */
  minutes: number | null
  competencies: { id: string; level: number; domainId: string }[]
}

export interface Recommendation {
  slug: string
  title: string
  minutes: number | null
  reason: string
}

export function whatNext({
  framework,
  roleProfile,
  evidence,
  modules,
  passedSlugs,
  renewalSlugs,
  now,
  selfRatedLevels = new Map(),
  limit = 5,
}: {
  framework: Framework
  roleProfile: string
  evidence: Evidence[]
  /** The published modules for the learner's role. */
  modules: CandidateModule[]
  passedSlugs: ReadonlySet<string>
  /** Modules whose evidence expires soon: recommended even when passed before. */
  renewalSlugs: ReadonlySet<string>
  now: Date
  /** The learner's self-rated level per domain (the lowest of their ratings there), where they rated all of it. */
  selfRatedLevels?: ReadonlyMap<string, number>
  limit?: number
}): Recommendation[] {
  const before = domainReadiness({ framework, roleProfile, evidence, now })
  const domainNames = new Map<string, string>(framework.domains.map((d) => [d.id, d.name]))
  const competencyNames = new Map<string, string>(
    framework.domains.flatMap((d) => d.competencies.map((c) => [c.id, c.name] as const)),
  )
  const level = (value: number) => levelInWords(framework, value)
  const gapOf = new Map(before.map((d) => [d.domainId as string, d.gap]))
  const selfGapOf = (domainId: string) => {
    const rated = selfRatedLevels.get(domainId)
    const target = before.find((d) => d.domainId === domainId)?.target ?? 0
    return rated === undefined ? 0 : Math.max(0, target - rated)
  }

  const ranked = modules.map((module) => {
    const gained: Evidence[] = module.competencies.map((c) => ({ competencyId: c.id, level: c.level, expiresAt: null }))
    const after = domainReadiness({ framework, roleProfile, evidence: [...evidence, ...gained], now })
    const lifted = before
      .map((domain, index) => ({ domain, to: after[index]?.level ?? domain.level }))
      .filter(({ domain, to }) => domain.gap > 0 && to > domain.level)
      .sort((a, b) => b.domain.gap - a.domain.gap)
    const raised = module.competencies
      .filter(
        (c) => (gapOf.get(c.domainId) ?? 0) > 0 && c.level > competencyLevel({ evidence, competencyId: c.id, now }),
      )
      .sort((a, b) => (gapOf.get(b.domainId) ?? 0) - (gapOf.get(a.domainId) ?? 0))
    const top = lifted[0]
    const firstRaised = raised[0]
    if (top) {
      const name = domainNames.get(top.domain.domainId) ?? top.domain.domainId
      return {
        module,
        group: 1,
        gap: top.domain.gap,
        selfGap: selfGapOf(top.domain.domainId),
        reason: `Takes ${name} from ${level(top.domain.level)} to ${level(top.to)} (your role needs ${level(top.domain.target)})`,
      }
    }
    if (firstRaised) {
      const name = domainNames.get(firstRaised.domainId) ?? firstRaised.domainId
      return {
        module,
        group: 2,
        gap: gapOf.get(firstRaised.domainId) ?? 0,
        selfGap: selfGapOf(firstRaised.domainId),
        reason: `Builds “${competencyNames.get(firstRaised.id) ?? firstRaised.id}”, a step towards what your role needs in ${name}`,
      }
    }
    if (renewalSlugs.has(module.slug))
      return { module, group: 3, gap: 0, selfGap: 0, reason: 'Keeps your level: what it showed runs out soon' }
    return { module, group: 4, gap: 0, selfGap: 0, reason: 'For your role' }
  })

  return ranked
    .filter(({ module }) => !passedSlugs.has(module.slug) || renewalSlugs.has(module.slug))
    .sort(
      (a, b) =>
        a.group - b.group ||
        b.gap - a.gap ||
        b.selfGap - a.selfGap ||
        (a.module.minutes ?? Infinity) - (b.module.minutes ?? Infinity) ||
        a.module.title.localeCompare(b.module.title),
    )
    .slice(0, limit)
    .map(({ module, reason }) => ({ slug: module.slug, title: module.title, minutes: module.minutes, reason }))
}

/** Recommendations without the modules already assigned and still to do: those are listed as assigned work. */
export function notAlreadyAssigned<R extends { slug: string }>(
  next: R[],
  assigned: { moduleSlug: string | null; status: 'due' | 'overdue' | 'done' }[],
): R[] {
  const toDo = new Set(assigned.flatMap((item) => (item.status !== 'done' && item.moduleSlug ? [item.moduleSlug] : [])))
  return next.filter((recommendation) => !toDo.has(recommendation.slug))
}
