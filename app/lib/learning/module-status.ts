// A module as it stands for one learner, in the words the catalogue and the module page use: what they
// have done with it and what is asked of them. The most pressing wins: overdue work, then a pass that
// still counts, then work that is due, then an attempt under way.

export type ModuleStatus =
  | { kind: 'overdue'; dueAt: Date }
  | { kind: 'passed'; passedAt: Date | null }
  | { kind: 'assigned'; dueAt: Date }
  | { kind: 'in-progress' }
  | { kind: 'not-started' }

export interface StatusFacts {
  /** The learner's attempts at modules (any order). */
  attempts: {
    moduleSlug: string
    status: 'in-progress' | 'completed' | 'passed' | 'failed'
    completedAt: Date | null
  }[]
  /** Modules whose pass still counts: evidence from them is current, or they evidence nothing that expires. */
  passCounts: (slug: string) => boolean
  /** Work assigned to the learner, one per module (as assignmentsForLearner gives it). */
  assignments: { moduleSlug: string | null; status: 'due' | 'overdue' | 'done'; dueAt: Date }[]
}

export function moduleStatuses({ attempts, passCounts, assignments }: StatusFacts): Map<string, ModuleStatus> {
  const statuses = new Map<string, ModuleStatus>()
  const rank = (status: ModuleStatus) =>
    ({ overdue: 0, passed: 1, assigned: 2, 'in-progress': 3, 'not-started': 4 })[status.kind]
  const offer = (slug: string, status: ModuleStatus) => {
    const held = statuses.get(slug)
    if (!held || rank(status) < rank(held)) statuses.set(slug, status)
  }
  for (const attempt of attempts) {
    if (attempt.status === 'passed' && passCounts(attempt.moduleSlug)) {
      const held = statuses.get(attempt.moduleSlug)
      const latest =
        held?.kind === 'passed' && held.passedAt && attempt.completedAt && held.passedAt > attempt.completedAt
          ? held.passedAt
          : attempt.completedAt
      if (held?.kind === 'passed') statuses.set(attempt.moduleSlug, { kind: 'passed', passedAt: latest })
      else offer(attempt.moduleSlug, { kind: 'passed', passedAt: latest })
    } else offer(attempt.moduleSlug, { kind: 'in-progress' })
  }
  for (const assignment of assignments) {
    if (!assignment.moduleSlug) continue
    if (assignment.status === 'overdue') offer(assignment.moduleSlug, { kind: 'overdue', dueAt: assignment.dueAt })
    if (assignment.status === 'due') offer(assignment.moduleSlug, { kind: 'assigned', dueAt: assignment.dueAt })
  }
  return statuses
}

/** The status of one module; "not started" when the learner has neither tried it nor been asked to. */
export function statusOf(statuses: ReadonlyMap<string, ModuleStatus>, slug: string): ModuleStatus {
  return statuses.get(slug) ?? { kind: 'not-started' }
}
