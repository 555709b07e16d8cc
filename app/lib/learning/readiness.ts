import type { DomainId, Framework } from '#app/lib/content/framework.schema.ts'
import { DAY_MS } from '#app/lib/dates/dates.ts'

// The competency rules (DESIGN.md): a person's level in a competency is the highest level evidenced by a
// passed module mapped to it and not expired; a domain's level is the lowest competency level in it;
// a person is ready in a domain when that level meets their role profile's target. Self-ratings never
// enter these figures.

export interface Evidence {
  competencyId: string
  level: number
  expiresAt: Date | null
}

export function isCurrent(evidence: Evidence, now: Date): boolean {
  return evidence.expiresAt === null || evidence.expiresAt.getTime() > now.getTime()
}

/**
 * Current evidence that expires within `days` and that nothing else covers: when it lapses, the
 * competency's level drops. (Evidence renewed since, or a higher level held, is not worth a warning.)
 */
export function expiringSoon<E extends Evidence>({
  evidence,
  now,
  days,
}: {
  evidence: E[]
  now: Date
  days: number
}): E[] {
  const horizon = now.getTime() + days * DAY_MS
  return evidence.filter((e) => {
    if (!e.expiresAt || !isCurrent(e, now) || e.expiresAt.getTime() > horizon) return false
    const expiry = e.expiresAt.getTime()
    return !evidence.some(
      (other) =>
        other !== e &&
        other.competencyId === e.competencyId &&
        other.level >= e.level &&
        isCurrent(other, now) &&
        (other.expiresAt === null || other.expiresAt.getTime() > expiry),
    )
  })
}

/** 0 when nothing current evidences the competency. */
export function competencyLevel({
  evidence,
  competencyId,
  now,
}: {
  evidence: Evidence[]
  competencyId: string
  now: Date
}): number {
  return evidence
    .filter((e) => e.competencyId === competencyId && isCurrent(e, now))
    .reduce((highest, e) => Math.max(highest, e.level), 0)
}

export interface DomainReadiness {
  domainId: DomainId
  level: number
  target: number
  ready: boolean
  /** How many levels short of the target (0 when ready). */
  gap: number
}

export function domainReadiness({
  framework,
  roleProfile,
  evidence,
  now,
}: {
  framework: Framework
  roleProfile: string
  evidence: Evidence[]
  now: Date
}): DomainReadiness[] {
  const profile = framework.roleProfiles.find((p) => p.id === roleProfile)
  return framework.domains.map((domain) => {
    const level = Math.min(...domain.competencies.map((c) => competencyLevel({ evidence, competencyId: c.id, now })))
    const target = profile?.targets[domain.id] ?? 1
    return { domainId: domain.id, level, target, ready: level >= target, gap: Math.max(0, target - level) }
  })
}

/** A level as people read it: the framework's name for it, or "Not yet evidenced" for level 0. */
export function levelInWords(framework: Framework, level: number): string {
  if (level === 0) return 'Not yet evidenced'
  return framework.levels.find((l) => l.level === level)?.name ?? `Level ${level}`
}
