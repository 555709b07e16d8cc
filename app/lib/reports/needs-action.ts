import type { Framework } from '#app/lib/content/framework.schema.ts'
import { formatDate } from '#app/lib/dates/dates.ts'

// The short list a manager reads first on a phone: who to talk to, and why. Overdue work comes first
// (it is already late), then evidence about to run out (it will be late soon), then whoever is furthest
// from their role's targets. Worked out from figures the report already has; no queries here.

export const NEEDS_ACTION_LIMIT = 5

export interface ActionCandidate {
  id: string
  name: string
  /** Overdue assignments. */
  overdue: number
  /** Evidence that runs out within 30 days with nothing newer covering it. */
  lapsing: { competencyId: string; expiresAt: Date }[]
  domains: { domainId: string; level: number; target: number }[]
}

export interface PersonNeedingAction {
  id: string
  name: string
  href: string
  reasons: string[]
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** How many levels short of their targets someone is, summed over the domains they are below target in. */
const shortfall = (person: ActionCandidate) =>
  person.domains.reduce((sum, domain) => sum + Math.max(0, domain.target - domain.level), 0)

export function whoNeedsAction({
  people,
  framework,
  limit = NEEDS_ACTION_LIMIT,
}: {
  people: ActionCandidate[]
  framework: Pick<Framework, 'domains'>
  limit?: number
}): { people: PersonNeedingAction[]; total: number } {
  const domainOfCompetency = new Map(
    framework.domains.flatMap((domain) => domain.competencies.map((competency) => [competency.id, domain.name])),
  )
  const ranked = people
    .map((person) => ({
      person,
      firstLapse: Math.min(...person.lapsing.map((item) => new Date(item.expiresAt).getTime())),
      shortfall: shortfall(person),
    }))
    .filter(({ person, shortfall }) => person.overdue > 0 || person.lapsing.length > 0 || shortfall > 0)
    .sort(
      (a, b) =>
        b.person.overdue - a.person.overdue ||
        a.firstLapse - b.firstLapse ||
        b.shortfall - a.shortfall ||
        a.person.name.localeCompare(b.person.name),
    )
  return {
    total: ranked.length,
    people: ranked.slice(0, limit).map(({ person, firstLapse }) => {
      const reasons: string[] = []
      if (person.overdue > 0) reasons.push(`${plural(person.overdue, 'assignment', 'assignments')} overdue`)
      if (person.lapsing.length > 0) {
        const first = person.lapsing.find((item) => new Date(item.expiresAt).getTime() === firstLapse)
        const area = first ? domainOfCompetency.get(first.competencyId) : undefined
        reasons.push(`Evidence${area ? ` for ${area}` : ''} runs out on ${formatDate(new Date(firstLapse))}`)
      }
      const below = person.domains.filter((domain) => domain.level < domain.target).length
      if (below > 0) reasons.push(`Below the target for their role in ${below} of ${person.domains.length} domains`)
      return { id: person.id, name: person.name, href: `/reports/people/${person.id}`, reasons }
    }),
  }
}

export interface UnitNeedingAction {
  id: string
  name: string
  href: string
  reason: string
}

/** Above team level: the units below furthest from target (only those with enough people to show a figure). */
export function unitsFurthestFromTarget({
  rows,
  limit = 3,
}: {
  rows: {
    unit: { id: string; name: string }
    readyInEveryDomain: { percent: number | null; suppressed: boolean }
  }[]
  limit?: number
}): UnitNeedingAction[] {
  return rows
    .flatMap((row) =>
      row.readyInEveryDomain.suppressed ||
      row.readyInEveryDomain.percent === null ||
      row.readyInEveryDomain.percent === 100
        ? []
        : [{ row, percent: row.readyInEveryDomain.percent }],
    )
    .sort((a, b) => a.percent - b.percent || a.row.unit.name.localeCompare(b.row.unit.name))
    .slice(0, limit)
    .map(({ row, percent }) => ({
      id: row.unit.id,
      name: row.unit.name,
      href: `/reports/units/${row.unit.id}`,
      reason: `${percent}% ready in every domain for their role`,
    }))
}
