import { z } from 'zod'
import { statusOf, type ModuleStatus } from './module-status.ts'

// The module catalogue as one learner sees it: three views of the modules, each with the learner's own
// status on every module.

export const CATALOGUE_VIEWS = ['assigned', 'role', 'all'] as const
export type CatalogueView = (typeof CATALOGUE_VIEWS)[number]

export const catalogueViewSchema = z.enum(CATALOGUE_VIEWS)

export const catalogueViewNames: Record<CatalogueView, string> = {
  assigned: 'Assigned to you',
  role: 'For your role',
  all: 'All modules',
}

/** What each view shows when nothing is in it. */
export const emptyViewText: Record<CatalogueView, string> = {
  assigned: 'Nothing is assigned to you at the moment. Your manager can assign modules for you to do by a date.',
  role: 'There are no modules for your role yet.',
  all: 'There are no modules yet.',
}

/** The view a learner lands on: the modules for their role when they have one, otherwise all of them. */
export function defaultView({ roleProfile }: { roleProfile: string | null }): CatalogueView {
  return roleProfile ? 'role' : 'all'
}

interface ViewableModule {
  slug: string
  audience: readonly string[]
}

export function modulesInView<M extends ViewableModule>({
  modules,
  view,
  roleProfile,
  assignedSlugs,
}: {
  modules: M[]
  view: CatalogueView
  roleProfile: string | null
  /** Modules assigned to the learner, due, overdue or done: assigned work they passed stays in the view. */
  assignedSlugs: ReadonlySet<string>
}): M[] {
  if (view === 'assigned') return modules.filter((m) => assignedSlugs.has(m.slug))
  if (view === 'role') return roleProfile ? modules.filter((m) => m.audience.includes(roleProfile)) : modules
  return modules
}

/** Modules in a view, most pressing first for the assigned view (overdue, then by due date); otherwise as given. */
export function withStatuses<M extends ViewableModule>({
  modules,
  statuses,
  view,
}: {
  modules: M[]
  statuses: ReadonlyMap<string, ModuleStatus>
  view: CatalogueView
}): (M & { personal: ModuleStatus })[] {
  const listed = modules.map((m) => ({ ...m, personal: statusOf(statuses, m.slug) }))
  if (view !== 'assigned') return listed
  const order = (s: ModuleStatus) =>
    s.kind === 'overdue' ? [0, s.dueAt.getTime()] : s.kind === 'assigned' ? [1, s.dueAt.getTime()] : [2, 0]
  return listed.sort((a, b) => {
    const [ga = 0, da = 0] = order(a.personal)
    const [gb = 0, db = 0] = order(b.personal)
    return ga - gb || da - db
  })
}

/**
 * What a module counts towards, one entry per area with its level or range of levels, e.g. "Teaching,
 * learning and self-development (Foundation to Independent)": a module may teach two skills in one area.
 */
export function areasCovered(competencies: { domainName: string; name: string; level: number; levelName: string }[]) {
  const byArea = new Map<string, { lowest: (typeof competencies)[number]; highest: (typeof competencies)[number] }>()
  for (const competency of competencies) {
    const area = competency.domainName || competency.name
    const held = byArea.get(area)
    if (!held) byArea.set(area, { lowest: competency, highest: competency })
    else {
      if (competency.level < held.lowest.level) held.lowest = competency
      if (competency.level > held.highest.level) held.highest = competency
    }
  }
  return [...byArea].map(([area, { lowest, highest }]) =>
    lowest.level === highest.level
      ? `${area} (${lowest.levelName})`
      : `${area} (${lowest.levelName} to ${highest.levelName})`,
  )
}
